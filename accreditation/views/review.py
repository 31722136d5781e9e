"""Proposals, the administrators' review queue, decisions and expiring accreditations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accreditation.forms.review import DecisionForm, ProposalForm
from accreditation.models import Expert, Proposal
from accreditation.services.decisions import decide_proposal, propose_step
from accreditation.views.experts import get_expert
from accreditation.workflow import steps_from
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required
from people.twofactor import second_factor_required


@role_required(COORDINATOR)
def proposal_create(request, pk: int):
    expert = get_expert(pk)
    steps = steps_from(expert.status)
    form = ProposalForm(request.POST or None, steps=steps)
    if request.method == "POST" and form.is_valid():
        try:
            propose_step(expert=expert, to_status=form.cleaned_data["to_status"],
                         rationale=form.cleaned_data["rationale"], by=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The proposal is in the administrators' review queue."))
            return redirect(expert)
    return render(request, "accreditation/proposal_form.html", {"form": form, "expert": expert})


@role_required(ADMINISTRATOR)
def review_queue(request):
    page = Paginator(Proposal.objects.review_queue(), 20).get_page(request.GET.get("page"))
    return render(request, "accreditation/review_queue.html", {
        "page_obj": page, "decision_form": DecisionForm(),
    })


@role_required(ADMINISTRATOR)
@second_factor_required
@require_POST
def proposal_decide(request, pk: int):
    proposal = get_object_or_404(Proposal.objects.select_related("expert__person"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject and give a rationale."))
        return redirect("accreditation:review-queue")
    try:
        decision = decide_proposal(proposal=proposal, approve=form.cleaned_data["approve"],
                                   rationale=form.cleaned_data["rationale"], by=request.user)
    except DomainError as exc:
        messages.error(request, f"{proposal.expert.person.full_name}: {exc.message}")
    else:
        messages.success(request, _("Decision recorded: %(decision)s.") % {"decision": decision})
    return redirect("accreditation:review-queue")


@role_required(COORDINATOR, ADMINISTRATOR)
def expiring_list(request):
    today = timezone.localdate()
    expiring = Expert.objects.expiring_within(months=6, today=today).select_related(
        "person__country"
    ).order_by("valid_until")
    overdue = Expert.objects.overdue(today=today).select_related("person__country").order_by("valid_until")
    return render(request, "accreditation/expiring_list.html",
                  {"expiring": expiring, "overdue": overdue, "today": today})

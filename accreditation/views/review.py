"""Proposals, the administrators' review queue, decisions and expiring accreditations."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accreditation.forms.review import DecisionForm, ExpiringFilter, ProposalFilter, ProposalForm
from accreditation.models import Expert, Proposal
from accreditation.models.experts import add_months
from accreditation.services.decisions import decide_proposal, propose_step
from accreditation.views.experts import get_expert
from accreditation.workflow import steps_from
from documents.spreadsheets import COUNT, DATE, DATETIME, Column
from people.errors import DomainError
from people.lists import Header, ListPage
from people.roles import ADMINISTRATOR, COORDINATOR, role_required
from people.twofactor import second_factor_required

EXPIRING_MONTHS = 6

REVIEW_QUEUE = ListPage(
    name="review-queue",
    title=gettext_lazy("Accreditation review queue"),
    filterset=ProposalFilter,
    sorts={"proposed": ("proposed_at", "pk"), "-proposed": ("-proposed_at", "-pk")},
    default_sort="proposed",
    page_size=20,
    headers=[],  # drawn as cards, one per proposal, each with its decision form
    columns=[
        Column(gettext_lazy("Expert"), lambda p: p.expert.person.full_name),
        Column(gettext_lazy("Country"), lambda p: p.expert.person.country),
        Column(gettext_lazy("Nominating administration"), lambda p: p.expert.nominating_administration),
        Column(gettext_lazy("From"), lambda p: p.get_from_status_display()),
        Column(gettext_lazy("To"), lambda p: p.get_to_status_display()),
        Column(gettext_lazy("Proposed by"), lambda p: p.proposed_by),
        Column(gettext_lazy("Proposed at"), lambda p: p.proposed_at, DATETIME),
        Column(gettext_lazy("Rationale"), lambda p: p.rationale),
        Column(gettext_lazy("Evidence items"), lambda p: len(p.evidence.all()), COUNT),
    ],
)


def _standing(expert) -> str:
    return _("Ended") if expert.valid_until < timezone.localdate() else _("Ending soon")


EXPIRING = ListPage(
    name="accreditations-ending",
    title=gettext_lazy("Accreditations ending soon or ended"),
    filterset=ExpiringFilter,
    sorts={
        "valid_until": ("valid_until", "person__family_name", "pk"),
        "-valid_until": ("-valid_until", "person__family_name", "pk"),
        "name": ("person__family_name", "person__given_name", "pk"),
        "-name": ("-person__family_name", "-person__given_name", "-pk"),
        "country": ("person__country__name", "person__family_name", "pk"),
        "-country": ("-person__country__name", "person__family_name", "pk"),
    },
    default_sort="valid_until",
    page_size=50,
    headers=[
        Header(gettext_lazy("Expert"), sort="name"),
        Header(gettext_lazy("Country"), sort="country"),
        Header(gettext_lazy("Valid until"), sort="valid_until"),
        Header(gettext_lazy("Standing")),
    ],
    columns=[
        Column(gettext_lazy("Expert"), lambda x: x.person.full_name),
        Column(gettext_lazy("Country"), lambda x: x.person.country),
        Column(gettext_lazy("E-mail"), lambda x: x.person.email),
        Column(gettext_lazy("Valid until"), lambda x: x.valid_until, DATE),
        Column(gettext_lazy("Standing"), _standing),
    ],
)


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
    return REVIEW_QUEUE.apply(request, Proposal.objects.review_queue()).response(
        "accreditation/review_queue.html", {"decision_form": DecisionForm()}
    )


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
    """Accredited experts whose validity ends within six months or has ended already."""
    today = timezone.localdate()
    experts = Expert.objects.accredited().filter(
        valid_until__lte=add_months(today, EXPIRING_MONTHS)
    ).select_related("person__country")
    return EXPIRING.apply(request, experts).response("accreditation/expiring_list.html", {"today": today})

"""An expert's page, nominating experts, editing profiles and recording evidence."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accreditation.delivery import delivery_of
from accreditation.forms.experts import (
    CoDeliveryForm,
    ExpertProfileForm,
    NominationForm,
    RefresherForm,
    WorkshopPlaceForm,
    WorkshopResultForm,
)
from accreditation.forms.review import ProposalForm
from accreditation.models import Decision, Evidence, Expert, Proposal
from accreditation.services.evidence import record_co_delivery, record_refresher, record_workshop_result
from accreditation.services.experts import enrol_on_workshop, nominate_expert, update_expert_profile
from accreditation.services.portal_access import INVITABLE_STATUSES
from accreditation.workflow import check_step, steps_from
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, is_coordinator, role_required


def get_expert(pk: int) -> Expert:
    return get_object_or_404(
        Expert.objects.with_relations().prefetch_related("modules__translations"), pk=pk
    )


def form_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@role_required(COORDINATOR, ADMINISTRATOR)
def expert_detail(request, pk: int):
    expert = get_expert(pk)
    evidence = list(Evidence.objects.with_relations().filter(expert=expert))
    today = timezone.localdate()
    steps = [(step, check_step(expert=expert, to_status=step.to_status, today=today, evidence=evidence))
             for step in steps_from(expert.status)]
    proposals = expert.proposals.select_related("proposed_by").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("event"))
    ).order_by("-proposed_at")
    decisions = Decision.objects.with_relations().filter(expert=expert).order_by("-decided_at")
    coordinator = is_coordinator(request.user)
    return render(request, "accreditation/expert_detail.html", {
        "expert": expert, "evidence": evidence, "steps": steps, "proposals": proposals,
        "decisions": decisions, "can_prepare": coordinator,
        "proposal_form": ProposalForm(steps=[s for s, _c in steps]) if coordinator and steps else None,
        "place_form": WorkshopPlaceForm() if coordinator else None,
        "pending": next((p for p in proposals if p.state == Proposal.State.PENDING), None),
        "delivery": delivery_of(expert),
        "invitable_statuses": INVITABLE_STATUSES,
        "module_proposals": expert.module_proposals.filter(status="pending").select_related("module"),
        "language_levels": list(expert.language_levels.select_related("language")),
    })


@role_required(COORDINATOR)
def expert_create(request):
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            expert = nominate_expert(
                person=data["person"], nominating_administration=data["nominating_administration"],
                nominated_on=data["nominated_on"], profile=data["profile"],
                languages=data["languages"], modules=data["modules"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("%(name)s is nominated.") % {"name": expert.person.full_name})
            return redirect(expert)
    return render(request, "accreditation/expert_form.html", {"form": form, "creating": True})


@role_required(COORDINATOR)
def expert_edit(request, pk: int):
    expert = get_expert(pk)
    form = ExpertProfileForm(request.POST or None, instance=expert)
    if request.method == "POST" and form.is_valid():
        update_expert_profile(expert=expert, **form.cleaned_data, by=request.user)
        messages.success(request, _("The profile of %(name)s was saved.") % {"name": expert.person.full_name})
        return redirect(expert)
    return render(request, "accreditation/expert_form.html", {"form": form, "expert": expert})


@role_required(COORDINATOR)
@require_POST
def expert_workshop_place(request, pk: int):
    expert = get_expert(pk)
    form = WorkshopPlaceForm(request.POST)
    if form.is_valid():
        try:
            enrol_on_workshop(expert=expert, event=form.cleaned_data["event"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s is enrolled on %(event)s.")
                             % {"name": expert.person.full_name, "event": form.cleaned_data["event"]})
    else:
        messages.error(request, _("Choose a workshop."))
    return redirect(expert)


EVIDENCE_FORMS = {
    # Lazy: the module is imported once, in no particular language.
    "workshop": (WorkshopResultForm, gettext_lazy("Record a workshop result")),
    "co_delivery": (CoDeliveryForm, gettext_lazy("Record a co-delivered training")),
    "refresher": (RefresherForm, gettext_lazy("Record a refresher")),
}


@role_required(COORDINATOR)
def evidence_add(request, pk: int, kind: str):
    expert = get_expert(pk)
    if kind not in EVIDENCE_FORMS:
        return redirect(expert)
    form_class, title = EVIDENCE_FORMS[kind]
    extra = {} if kind == "workshop" else {"expert": expert}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "workshop":
                record_workshop_result(expert=expert, event=data["event"], attended=data["attended"],
                                       result=data["result"], evaluation=data["evaluation"], by=request.user)
            elif kind == "co_delivery":
                record_co_delivery(expert=expert, assignment=data["assignment"], assessor=data["assessor"],
                                   result=data["result"], evaluation=data["evaluation"], by=request.user)
            else:
                record_refresher(expert=expert, event=data["event"], evaluation=data["evaluation"],
                                 by=request.user)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The evidence was recorded."))
            return redirect(expert)
    return render(request, "accreditation/evidence_form.html",
                  {"form": form, "expert": expert, "title": title})

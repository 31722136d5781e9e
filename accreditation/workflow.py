"""The accreditation workflow: which steps exist and what evidence each one needs.

Each step's check returns the evidence it would rely on and, when something is missing,
sentences that say exactly what. Services refuse a step while anything is missing.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accreditation.models import (
    ACTIVE_STATUSES,
    EvaluationResult,
    Evidence,
    EvidenceKind,
    Expert,
    ExpertStatus,
    accreditation_years,
    add_years,
)
from courses.models import Enrolment, TrainerAssignment, TrainingEvent

S = ExpertStatus


@dataclass
class Check:
    evidence: list[Evidence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def satisfied(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Step:
    from_status: str
    to_status: str
    label: str
    check: Callable[[Expert, list[Evidence], datetime.date], Check]


def _workshops(evidence: list[Evidence]) -> list[Evidence]:
    return [e for e in evidence if e.kind == EvidenceKind.WORKSHOP]


def needs_workshop_place(expert, evidence, today) -> Check:
    enrolled = Enrolment.objects.active().filter(
        person=expert.person_id, event__kind=TrainingEvent.Kind.TTT
    ).exclude(event__status=TrainingEvent.Status.CANCELLED).exists()
    if enrolled:
        return Check()
    return Check(missing=[_(
        "%(name)s is not enrolled on any Train-the-Trainer workshop that is still going ahead. "
        "Enrol them on one first."
    ) % {"name": expert.person.full_name}])


def needs_workshop_attendance(expert, evidence, today) -> Check:
    attended = [e for e in _workshops(evidence) if e.attended]
    if attended:
        return Check(evidence=attended[-1:])
    if _workshops(evidence):
        return Check(missing=[_("The workshop record says %(name)s did not attend.")
                              % {"name": expert.person.full_name}])
    return Check(missing=[_("No workshop attendance is recorded: record that %(name)s attended a "
                            "Train-the-Trainer workshop.") % {"name": expert.person.full_name}])


def _workshop_result(expert, evidence, wanted: str) -> Check:
    attended = [e for e in _workshops(evidence) if e.attended]
    if not attended:
        return needs_workshop_attendance(expert, evidence, today=None)
    evaluated = [e for e in attended if e.result == wanted]
    if evaluated:
        return Check(evidence=evaluated[-1:])
    if all(e.result == EvaluationResult.PENDING for e in attended):
        return Check(missing=[_("The workshop evaluation result is not recorded yet for %(event)s.")
                              % {"event": attended[-1].event.title}])
    return Check(missing=[_("The workshop evaluation result (%(result)s) does not support this step.")
                          % {"result": attended[-1].get_result_display()}])


def needs_workshop_pass(expert, evidence, today) -> Check:
    return _workshop_result(expert, evidence, EvaluationResult.PASSED)


def needs_workshop_fail(expert, evidence, today) -> Check:
    return _workshop_result(expert, evidence, EvaluationResult.FAILED)


def _co_delivery_result(expert, evidence, wanted: str) -> Check:
    co = [e for e in evidence if e.kind == EvidenceKind.CO_DELIVERY]
    if not co:
        return Check(missing=[_(
            "No co-delivered training is recorded: %(name)s must co-deliver a training (a trainer "
            "assignment on a completed event) evaluated by an assessor."
        ) % {"name": expert.person.full_name}])
    missing = []
    for e in co:
        problems = []
        if e.event.status != TrainingEvent.Status.COMPLETED:
            problems.append(_("the event is not completed"))
        if not e.assessor_id:
            problems.append(_("no assessor is named"))
        if e.result == EvaluationResult.PENDING:
            problems.append(_("the assessor's evaluation is not recorded"))
        elif e.result != wanted:
            problems.append(_("the assessor's evaluation (%(result)s) does not support this step")
                            % {"result": e.get_result_display()})
        if not problems:
            return Check(evidence=[e])
        missing.append(_("%(event)s: %(problems)s.") % {"event": e.event.title,
                                                        "problems": "; ".join(problems)})
    return Check(missing=missing)


def needs_co_delivery_pass(expert, evidence, today) -> Check:
    return _co_delivery_result(expert, evidence, EvaluationResult.PASSED)


def needs_co_delivery_fail(expert, evidence, today) -> Check:
    return _co_delivery_result(expert, evidence, EvaluationResult.FAILED)


def validity_window(expert: Expert) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of the current accreditation period."""
    if not expert.valid_until:
        return None
    return add_years(expert.valid_until, -accreditation_years()), expert.valid_until


def needs_refresher_within_validity(expert, evidence, today) -> Check:
    window = validity_window(expert)
    if window is None:
        return Check(missing=[_("The accreditation has no end date to renew from.")])
    start, end = window
    refreshers = [e for e in evidence if e.kind == EvidenceKind.REFRESHER]
    inside = [e for e in refreshers if start <= e.event.end_date <= end
              and e.event.status == TrainingEvent.Status.COMPLETED]
    if inside:
        return Check(evidence=inside[-1:])
    return Check(missing=[_(
        "No refresher delivered or attended between %(start)s and %(end)s is recorded "
        "(the current validity period)."
    ) % {"start": f"{start:%d %b %Y}", "end": f"{end:%d %b %Y}"}])


def needs_validity_ended(expert, evidence, today) -> Check:
    if expert.valid_until and expert.valid_until < today:
        return Check()
    return Check(missing=[_("The accreditation is valid until %(date)s; it cannot lapse before then.")
                          % {"date": f"{expert.valid_until:%d %b %Y}" if expert.valid_until else "—"}])


def needs_validity_left(expert, evidence, today) -> Check:
    if expert.valid_until and expert.valid_until >= today:
        return Check()
    return Check(missing=[_("The accreditation period has ended; it can only lapse or be renewed.")])


def needs_rationale_only(expert, evidence, today) -> Check:
    return Check()


STEPS: list[Step] = [
    Step(S.NOMINATED, S.SELECTED, gettext_lazy("Select for a workshop"), needs_workshop_place),
    Step(S.SELECTED, S.IN_WORKSHOP, gettext_lazy("Record as workshop participant"),
         needs_workshop_attendance),
    Step(S.IN_WORKSHOP, S.PRE_ACCREDITED, gettext_lazy("Pre-accredit"), needs_workshop_pass),
    Step(S.IN_WORKSHOP, S.NOT_ACCREDITED, gettext_lazy("Do not accredit (workshop)"),
         needs_workshop_fail),
    Step(S.PRE_ACCREDITED, S.ACCREDITED, gettext_lazy("Accredit"), needs_co_delivery_pass),
    Step(S.PRE_ACCREDITED, S.NOT_ACCREDITED, gettext_lazy("Do not accredit (co-delivery)"),
         needs_co_delivery_fail),
    Step(S.ACCREDITED, S.ACCREDITED, gettext_lazy("Renew"), needs_refresher_within_validity),
    Step(S.ACCREDITED, S.LAPSED, gettext_lazy("Record as lapsed"), needs_validity_ended),
    Step(S.ACCREDITED, S.SUSPENDED, gettext_lazy("Suspend"), needs_rationale_only),
    Step(S.SUSPENDED, S.ACCREDITED, gettext_lazy("Lift the suspension"), needs_validity_left),
    Step(S.SUSPENDED, S.LAPSED, gettext_lazy("Record as lapsed"), needs_validity_ended),
    *[Step(status, S.WITHDRAWN, pgettext_lazy("an expert's accreditation", "Withdraw"), needs_rationale_only)
      for status in ACTIVE_STATUSES],
]

STEPS_BY_KEY = {(s.from_status, s.to_status): s for s in STEPS}


def steps_from(status: str) -> list[Step]:
    return [s for s in STEPS if s.from_status == status]


def find_step(from_status: str, to_status: str) -> Step | None:
    return STEPS_BY_KEY.get((from_status, to_status))


def check_step(*, expert: Expert, to_status: str, today: datetime.date,
               evidence: list[Evidence] | None = None) -> Check:
    """What a step from the expert's current status to `to_status` relies on, or what is missing."""
    step = find_step(expert.status, to_status)
    if step is None:
        return Check(missing=[_("%(name)s cannot go from “%(from)s” to “%(to)s”.") % {
            "name": expert.person.full_name, "from": S(expert.status).label, "to": S(to_status).label,
        }])
    if evidence is None:
        evidence = list(Evidence.objects.with_relations().filter(expert=expert))
    return step.check(expert, evidence, today)


def dates_after(*, expert: Expert, to_status: str, effective_on: datetime.date) -> dict:
    """The expert's date fields once a step to `to_status` takes effect."""
    if to_status == S.PRE_ACCREDITED:
        return {"pre_accredited_on": effective_on}
    if to_status == S.ACCREDITED and expert.status == S.ACCREDITED:
        # A renewal continues from the end of the current period, so renewing early loses nothing.
        return {"valid_until": add_years(expert.valid_until, accreditation_years())}
    if to_status == S.ACCREDITED and expert.status == S.PRE_ACCREDITED:
        return {"accredited_on": effective_on,
                "valid_until": add_years(effective_on, accreditation_years())}
    return {}


def co_delivery_assignments(expert: Expert):
    """Assignments on which the expert delivered training (candidate co-delivery evidence)."""
    return TrainerAssignment.objects.filter(person=expert.person_id).exclude(
        role=TrainerAssignment.Role.ASSESSOR
    ).select_related("event")

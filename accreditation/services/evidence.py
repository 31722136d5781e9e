"""Recording the evidence the workflow's steps rely on."""

from django.db import transaction
from django.utils.translation import gettext as _

from accreditation.models import EvaluationResult, Evidence, EvidenceKind, Expert
from courses.models import Enrolment, TrainerAssignment, TrainingEvent
from people.errors import DomainError
from people.models import Person


def _upsert(*, expert: Expert, kind: str, event: TrainingEvent, values: dict, by) -> Evidence:
    evidence, created = Evidence.objects.get_or_create(
        expert=expert, kind=kind, event=event, defaults={**values, "recorded_by": by}
    )
    if not created:
        for name, value in values.items():
            setattr(evidence, name, value)
        evidence.recorded_by = by
        evidence.save()
    return evidence


@transaction.atomic
def record_workshop_result(
    *,
    expert: Expert,
    event: TrainingEvent,
    attended: bool,
    result: str = EvaluationResult.PENDING,
    evaluation: str = "",
    by=None,
) -> Evidence:
    """Record that the expert attended (or not) a Train-the-Trainer workshop, and how they did.

    Recording again for the same workshop corrects the earlier record (history keeps it).
    """
    if event.kind != TrainingEvent.Kind.TTT:
        raise DomainError(
            _("%(event)s is not a Train-the-Trainer workshop.") % {"event": event.title}, field="event"
        )
    if event.status in (TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT):
        raise DomainError(_("%(event)s has not taken place.") % {"event": event.title}, field="event")
    if not attended and result != EvaluationResult.PENDING:
        raise DomainError(_("Someone who did not attend cannot be evaluated."), field="result")
    return _upsert(
        expert=expert, kind=EvidenceKind.WORKSHOP, event=event, by=by,
        values={"attended": attended, "result": result, "evaluation": evaluation.strip()},
    )


@transaction.atomic
def record_co_delivery(
    *,
    expert: Expert,
    assignment: TrainerAssignment,
    assessor: Person,
    result: str,
    evaluation: str = "",
    by=None,
) -> Evidence:
    """Record the assessor's evaluation of a training the expert co-delivered.

    The assignment must be the expert's own, as a trainer, on a completed event; the assessor
    must be someone else, assigned to that event as mentor / assessor.
    """
    event = assignment.event
    if assignment.person_id != expert.person_id:
        raise DomainError(_("This trainer assignment belongs to someone else."), field="assignment")
    if assignment.role == TrainerAssignment.Role.ASSESSOR:
        raise DomainError(_("An assessor assignment is not a delivery."), field="assignment")
    if event.status != TrainingEvent.Status.COMPLETED:
        raise DomainError(
            _("%(event)s is not completed yet: record the evaluation once it is.") % {"event": event.title},
            field="assignment",
        )
    if assessor.pk == expert.person_id:
        raise DomainError(_("Experts cannot assess themselves."), field="assessor")
    if not TrainerAssignment.objects.filter(
        event=event, person=assessor, role=TrainerAssignment.Role.ASSESSOR
    ).exists():
        raise DomainError(
            _("%(name)s is not an assessor on %(event)s: assign them to the event as mentor / "
              "assessor first.") % {"name": assessor.full_name, "event": event.title},
            field="assessor",
        )
    return _upsert(
        expert=expert, kind=EvidenceKind.CO_DELIVERY, event=event, by=by,
        values={"assignment": assignment, "assessor": assessor, "result": result,
                "evaluation": evaluation.strip(), "attended": True},
    )


@transaction.atomic
def record_refresher(*, expert: Expert, event: TrainingEvent, evaluation: str = "", by=None) -> Evidence:
    """Record a completed event the expert delivered (trainer) or attended (participant)."""
    if event.status != TrainingEvent.Status.COMPLETED:
        raise DomainError(_("%(event)s is not completed.") % {"event": event.title}, field="event")
    delivered = TrainerAssignment.objects.filter(event=event, person=expert.person_id).exists()
    attended = Enrolment.objects.active().filter(event=event, person=expert.person_id).exists()
    if not (delivered or attended):
        raise DomainError(
            _("%(name)s neither trained on nor took part in %(event)s.")
            % {"name": expert.person.full_name, "event": event.title},
            field="event",
        )
    return _upsert(
        expert=expert, kind=EvidenceKind.REFRESHER, event=event, by=by,
        values={"attended": True, "result": EvaluationResult.PASSED, "evaluation": evaluation.strip()},
    )

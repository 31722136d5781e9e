"""What an expert's portal shows of invitations to deliver and co-delivery reports, and which of
them a signed-in expert may open (their own; anything else is 404, see access.py)."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accreditation.access import expert_of
from accreditation.models import CoDeliveryReport, DeliveryInvitation, Expert, ExpertStatus, InvitationStatus
from courses.models import TrainerAssignment, TrainingEvent

ROLE = TrainerAssignment.Role


def _reports_to_file(expert: Expert):
    """Deliveries on completed events the expert reports on: their own (while pre-accredited)
    and those of others on events they assessed."""
    assessed_events = TrainerAssignment.objects.filter(person=expert.person_id, role=ROLE.ASSESSOR).values(
        "event"
    )
    mine = Q(person=expert.person_id) if expert.status == ExpertStatus.PRE_ACCREDITED else Q(pk__in=[])
    return (
        TrainerAssignment.objects.filter(mine | (Q(event__in=assessed_events) & ~Q(person=expert.person_id)))
        .exclude(role=ROLE.ASSESSOR)
        .filter(
            event__status=TrainingEvent.Status.COMPLETED,
            event__end_date__lt=timezone.localdate(),
            person__expert__isnull=False,
        )
        .select_related("event", "person", "co_delivery_report")
        .order_by("-event__start_date", "pk")[:20]
    )


def pending_for(expert: Expert) -> dict:
    """The portal home's block: pending invitations and co-delivery reports to file (2 queries)."""
    invitations = list(
        DeliveryInvitation.objects.filter(expert=expert, status=InvitationStatus.PENDING)
        .select_related("event")
        .order_by("event__start_date", "pk")
    )
    return {"invitations": invitations, "co_deliveries": list(_reports_to_file(expert))}


def invitation_of(user, pk: int) -> DeliveryInvitation:
    """The signed-in expert's own invitation, or 404."""
    expert = expert_of(user)
    invitation = (
        DeliveryInvitation.objects.select_related("event", "expert__person", "invited_by")
        .filter(pk=pk, expert=expert)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def co_delivery_of(user, assignment_pk: int) -> tuple[TrainerAssignment, Expert, str]:
    """A delivery the signed-in expert may report on, and on which side: "expert" for their own
    delivery, "assessor" for one they assessed on the same event. 404 for anything else."""
    me = expert_of(user)
    assignment = (
        TrainerAssignment.objects.select_related("event", "person")
        .exclude(role=ROLE.ASSESSOR)
        .filter(pk=assignment_pk)
        .first()
    )
    if assignment is None:
        raise Http404
    if assignment.person_id == me.person_id:
        return assignment, me, "expert"
    if TrainerAssignment.objects.filter(
        event=assignment.event_id, person=me.person_id, role=ROLE.ASSESSOR
    ).exists():
        return assignment, me, "assessor"
    raise Http404


def report_of(assignment: TrainerAssignment) -> CoDeliveryReport | None:
    return (
        CoDeliveryReport.objects.select_related("assessor", "evidence")
        .prefetch_related("modules")
        .filter(assignment=assignment)
        .first()
    )

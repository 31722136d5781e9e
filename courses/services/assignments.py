"""Staffing events with trainers, with the double-booking rule."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from courses.dates import format_date_range
from courses.models import TrainerAssignment, TrainingEvent
from courses.services.event_rules import planning_refusal, refuse
from people.errors import DomainError, protecting_records
from people.models import Person


class DoubleBookingError(DomainError):
    def __init__(self, message, *, conflicts):
        super().__init__(message, field="person", code="double_booking")
        self.conflicts = conflicts


def conflicting_events(*, person: Person, event: TrainingEvent):
    """Other live events, overlapping this one's dates, that the person is assigned to."""
    return (
        TrainingEvent.objects.overlapping(event.start_date, event.end_date)
        .filter(assignments__person=person)
        .exclude(pk=event.pk)
        .exclude(status=TrainingEvent.Status.CANCELLED)
        .distinct()
        .order_by("start_date")
    )


@transaction.atomic
def assign_trainer(
    *,
    event: TrainingEvent,
    person: Person,
    role: str,
    by=None,
    override_reason: str = "",
) -> TrainerAssignment:
    """Put a person on an event with a role.

    Refuses a person already booked on an overlapping event, naming that event, unless the
    coordinator gives a reason to override. Assigning someone already on the event updates
    their role instead of creating a second row.
    """
    refuse(planning_refusal(event))
    # Lock the person so two coordinators cannot double-book them at the same moment.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    existing = TrainerAssignment.objects.filter(event=event, person=person).first()
    conflicts = list(conflicting_events(person=person, event=event))
    if conflicts and not override_reason.strip():
        names = "; ".join(
            f"{e.title} ({format_date_range(e.start_date, e.end_date)})" for e in conflicts
        )
        raise DoubleBookingError(
            _("%(person)s is already booked on an overlapping event: %(events)s.")
            % {"person": person.full_name, "events": names},
            conflicts=conflicts,
        )
    if existing:
        existing.role = role
        if override_reason:
            existing.overlap_override_reason = override_reason.strip()
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return TrainerAssignment.objects.create(
                event=event, person=person, role=role, assigned_by=by,
                overlap_override_reason=override_reason.strip() if conflicts else "",
            )
    except IntegrityError:
        # A concurrent request assigned the same person a moment ago: treat as done.
        return TrainerAssignment.objects.get(event=event, person=person)


@transaction.atomic
def remove_trainer(*, assignment: TrainerAssignment, by=None) -> None:
    """Take a trainer off an event.

    Refuses when another record relies on the assignment (for instance accreditation evidence
    of a co-delivered training), naming that record: the assignment is what it stands on.
    Removing an assignment that is already gone changes nothing.
    """
    assignment = (
        TrainerAssignment.objects.select_for_update(of=("self",)).select_related("person")
        .filter(pk=assignment.pk).first()
    )
    if assignment is None:
        return
    refuse(planning_refusal(assignment.event))
    if by is not None:
        assignment._history_user = by
    try:
        assignment.delete()
    except ProtectedError as exc:
        raise DomainError(
            _("%(name)s cannot be taken off the event: the assignment is referred to by %(records)s.")
            % {"name": assignment.person.full_name, "records": protecting_records(exc)},
            code="protected",
        ) from exc

"""Putting participants on an event and taking them off again (they are kept, marked withdrawn)."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment, TrainingEvent
from courses.services.event_rules import enrolment_refusal, refuse
from people.errors import DomainError
from people.models import Person
from people.services.people import create_person


class OverCapacityError(DomainError):
    def __init__(self, message):
        super().__init__(message, field=None, code="over_capacity")


def places_left(event: TrainingEvent) -> int | None:
    """Free places, or None when the event has no capacity set."""
    if event.capacity is None:
        return None
    return event.capacity - event.enrolments.active().count()


def _check_capacity(event: TrainingEvent, extra: int) -> None:
    left = places_left(event)
    if left is not None and extra > left:
        raise OverCapacityError(
            _("The event is full: capacity %(capacity)s, %(enrolled)s enrolled.")
            % {"capacity": event.capacity, "enrolled": event.capacity - left}
        )


@transaction.atomic
def enrol(*, event: TrainingEvent, person: Person, by=None) -> Enrolment:
    """Enrol a person; enrolling someone already enrolled changes nothing, a withdrawn
    participant is enrolled again. Refuses beyond the event's capacity."""
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    # A past participant list entered after the fact: reopen the completed event first.
    refuse(enrolment_refusal(event))
    existing = Enrolment.objects.filter(event=event, person=person).first()
    if existing and existing.status == Enrolment.Status.ENROLLED:
        return existing
    _check_capacity(event, 1)
    if existing:
        existing.status = Enrolment.Status.ENROLLED
        existing.withdrawn_at = None
        existing.withdrawal_reason = ""
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(event=event, person=person, enrolled_by=by)
    except IntegrityError:
        return Enrolment.objects.get(event=event, person=person)


@transaction.atomic
def enrol_new_person(*, event: TrainingEvent, values: Mapping[str, Any], by=None) -> Person:
    """Add a person who is not in the directory yet (a PersonForm's cleaned data) and enrol
    them. A refused enrolment (full or cancelled event) leaves no new person behind, so that
    submitting the form again does not create them twice."""
    person = create_person(values=values, by=by)
    enrol(event=event, person=person, by=by)
    return person


@transaction.atomic
def withdraw(*, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """Mark a participant withdrawn; the enrolment and its attendance are kept."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return enrolment
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.withdrawal_reason = (reason or "").strip()
    enrolment.save()
    return enrolment

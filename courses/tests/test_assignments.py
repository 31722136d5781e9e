import datetime

import pytest

from courses.models import TrainerAssignment, TrainingEvent
from courses.services.assignments import DoubleBookingError, assign_trainer
from courses.tests.factories import TrainingEventFactory
from people.tests.factories import PersonFactory


@pytest.fixture
def person(db):
    return PersonFactory()


def test_assigning_someone_booked_on_an_overlapping_event_names_that_event(person):
    china = TrainingEventFactory(title="China national training", start_date=datetime.date(2021, 10, 18))
    assign_trainer(event=china, person=person, role=TrainerAssignment.Role.LEAD)
    overlapping = TrainingEventFactory(start_date=datetime.date(2021, 10, 20))
    with pytest.raises(DoubleBookingError, match="China national training"):
        assign_trainer(event=overlapping, person=person, role=TrainerAssignment.Role.CO_TRAINER)
    assert not TrainerAssignment.objects.filter(event=overlapping).exists()


def test_coordinator_can_override_a_double_booking_with_a_reason(person):
    first = TrainingEventFactory(start_date=datetime.date(2021, 10, 18))
    assign_trainer(event=first, person=person, role=TrainerAssignment.Role.LEAD)
    second = TrainingEventFactory(start_date=datetime.date(2021, 10, 22))
    assignment = assign_trainer(
        event=second, person=person, role=TrainerAssignment.Role.GUEST,
        override_reason="Speaks remotely for one hour",
    )
    assert assignment.overlap_override_reason == "Speaks remotely for one hour"


def test_events_that_only_touch_do_not_overlap_and_cancelled_ones_do_not_count(person):
    first = TrainingEventFactory(start_date=datetime.date(2021, 10, 18))  # ends 22 Oct
    assign_trainer(event=first, person=person, role=TrainerAssignment.Role.LEAD)
    assign_trainer(event=TrainingEventFactory(start_date=datetime.date(2021, 10, 23)), person=person,
                   role=TrainerAssignment.Role.LEAD)
    cancelled = TrainingEventFactory(
        start_date=datetime.date(2021, 11, 1), status=TrainingEvent.Status.CANCELLED
    )
    assign_trainer(event=cancelled, person=person, role=TrainerAssignment.Role.LEAD)
    assign_trainer(event=TrainingEventFactory(start_date=datetime.date(2021, 11, 2)), person=person,
                   role=TrainerAssignment.Role.LEAD)
    assert TrainerAssignment.objects.filter(person=person).count() == 4


def test_assigning_twice_updates_the_role_instead_of_duplicating(person):
    event = TrainingEventFactory()
    assign_trainer(event=event, person=person, role=TrainerAssignment.Role.CO_TRAINER)
    assign_trainer(event=event, person=person, role=TrainerAssignment.Role.LEAD)
    assert list(TrainerAssignment.objects.filter(event=event).values_list("role", flat=True)) == ["lead"]

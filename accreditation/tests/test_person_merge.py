"""Merging people must not delete what an accreditation decision relies on."""

import pytest

from accreditation.models import Evidence
from accreditation.tests.factories import ExpertFactory
from courses.services.people_merge import merge_people
from courses.tests.factories import TrainerAssignmentFactory, TrainingEventFactory
from people.errors import DomainError
from people.models import Person
from people.tests.factories import PersonFactory


def test_a_merge_that_would_drop_an_assignment_accreditation_relied_on_is_refused(db):
    keep, remove = PersonFactory(), PersonFactory()
    event = TrainingEventFactory(status="completed")
    TrainerAssignmentFactory(event=event, person=keep)
    co_trained = TrainerAssignmentFactory(event=event, person=remove)
    Evidence.objects.create(
        expert=ExpertFactory(person=remove), kind=Evidence.Kind.CO_DELIVERY, event=event,
        assignment=co_trained,
    )
    with pytest.raises(DomainError, match="resolve that before merging"):
        merge_people(keep=keep, remove=remove)
    assert Person.objects.filter(pk=remove.pk).exists()

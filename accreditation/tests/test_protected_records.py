"""What accreditation relies on cannot be removed from the screens below it; the refusal says why."""

import pytest
from django.urls import reverse

from accreditation.models import Evidence
from accreditation.services.evidence import record_co_delivery
from accreditation.tests.factories import ExpertFactory
from courses.models import TrainerAssignment, TrainingEvent
from courses.services.assignments import remove_trainer
from courses.services.events import reopen_event
from courses.tests.factories import TrainerAssignmentFactory, TrainingEventFactory
from people.errors import DomainError
from people.models import Person
from people.tests.factories import PersonFactory


@pytest.fixture
def co_delivery(db):
    """A completed event that Ana Silva co-delivered; the assessor's evaluation is evidence. The
    event is then reopened for a correction (a completed event's trainers do not change at all),
    which still leaves alone the assignment the evidence stands on."""
    event = TrainingEventFactory(title="Port of Santos training", status=TrainingEvent.Status.COMPLETED)
    expert = ExpertFactory(person=PersonFactory(given_name="Ana", family_name="Silva"))
    assignment = TrainerAssignmentFactory(
        event=event, person=expert.person, role=TrainerAssignment.Role.CO_TRAINER
    )
    assessor = TrainerAssignmentFactory(event=event, role=TrainerAssignment.Role.ASSESSOR).person
    record_co_delivery(expert=expert, assignment=assignment, assessor=assessor, result="passed")
    reopen_event(event=event, reason="A trainer to correct")
    return assignment


def _remove_url(assignment) -> str:
    return reverse("courses:trainer-remove", args=[assignment.event_id, assignment.pk])


def test_removing_a_trainer_whose_assignment_is_evidence_is_refused_on_the_page(
    coordinator_client, co_delivery
):
    response = coordinator_client.post(_remove_url(co_delivery))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ana Silva cannot be taken off the event" in page
    # It names what relies on the assignment and where it is kept.
    assert (
        "evidence “Training co-delivered under evaluation – Port of Santos training” (Accreditation)"
        in page
    )
    assert TrainerAssignment.objects.filter(pk=co_delivery.pk).exists()
    assert Evidence.objects.get().assignment == co_delivery


def test_the_refusal_is_in_the_users_language(coordinator_client, co_delivery):
    coordinator_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = coordinator_client.post(_remove_url(co_delivery)).content.decode()
    assert "Impossible de retirer Ana Silva de l’événement" in page
    assert "(Accréditation)" in page
    assert TrainerAssignment.objects.filter(pk=co_delivery.pk).exists()


def test_the_service_refuses_with_a_domain_error(co_delivery):
    with pytest.raises(DomainError, match="referred to by evidence") as refusal:
        remove_trainer(assignment=co_delivery)
    assert refusal.value.code == "protected"
    assert TrainerAssignment.objects.filter(pk=co_delivery.pk).exists()


def test_the_assessor_without_evidence_of_their_own_can_still_be_removed(coordinator_client, co_delivery):
    # The evidence names the assessor as a person, not their assignment.
    assessor = TrainerAssignment.objects.get(role=TrainerAssignment.Role.ASSESSOR)
    response = coordinator_client.post(_remove_url(assessor))
    assert response.status_code == 302
    assert not TrainerAssignment.objects.filter(pk=assessor.pk).exists()


def test_the_admin_refuses_to_delete_an_expert_person(client, django_user_model, co_delivery):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    person = co_delivery.person
    url = reverse("admin:people_person_delete", args=[person.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_admin_refuses_to_delete_an_event_that_accreditation_relies_on(
    client, django_user_model, co_delivery
):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    url = reverse("admin:courses_trainingevent_delete", args=[co_delivery.event_id])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "protected related objects" in response.content.decode()
    assert TrainerAssignment.objects.filter(pk=co_delivery.pk).exists()

"""Administrators read the audit trail in the app: an object's history and recent changes."""

import datetime

import pytest
from django.urls import reverse

from courses.models import Attendance
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from people.audit import audited_models
from people.models import Person
from people.tests.factories import PersonFactory


def history_url(obj) -> str:
    return reverse("people:audit-object", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


@pytest.fixture
def edited_person(administrator_client, coordinator):
    person = PersonFactory(given_name="Дмитрий", family_name="Иванов", position="Inspector")
    person.position = "Senior inspector"
    person._history_user = coordinator
    person.save()
    return person


def test_every_model_users_edit_is_audited():
    labels = {m._meta.label_lower for m in audited_models()}
    assert {"people.person", "courses.trainingevent", "courses.enrolment", "courses.attendance"} <= labels


def test_an_object_history_shows_who_changed_what_and_when(administrator_client, edited_person):
    response = administrator_client.get(history_url(edited_person))
    html = response.content.decode()
    assert response.status_code == 200
    assert "by coordinator" in html
    assert "Inspector" in html and "Senior inspector" in html
    assert html.index("Senior inspector") < html.index("Created")  # newest first


def test_a_web_edit_is_recorded_with_the_user_who_made_it(administrator_client, administrator):
    person = PersonFactory(family_name="Dupont")
    data = {"given_name": "Marie", "family_name": "Dupont-Moreau", "gender": "female",
            "preferred_language": "fr", "country": person.country_id}
    assert administrator_client.post(reverse("people:person-edit", args=[person.pk]), data).status_code == 302
    latest = person.history.first()
    assert latest.history_user == administrator
    html = administrator_client.get(history_url(person)).content.decode()
    assert "Dupont-Moreau" in html and "by administrator" in html


def test_history_works_for_attendance_too(administrator_client, administrator):
    event = TrainingEventFactory(with_days=True)
    enrolment = EnrolmentFactory(event=event)
    attendance = Attendance.objects.create(enrolment=enrolment, day=event.days.first(), status="present")
    attendance.status = "late"
    attendance.save()
    html = administrator_client.get(history_url(attendance)).content.decode()
    assert "Present" in html and "Late" in html


def test_unknown_models_and_unaudited_models_are_404(administrator_client, edited_person):
    assert administrator_client.get(
        reverse("people:audit-object", args=["auth", "user", 1])
    ).status_code == 404
    assert administrator_client.get(
        reverse("people:audit-object", args=["people", "country", "BE"])
    ).status_code == 404
    assert administrator_client.get(
        reverse("people:audit-object", args=["people", "person", 999999])
    ).status_code == 404


def test_object_history_queries_do_not_grow_with_its_length(
    administrator_client, edited_person, django_assert_max_num_queries
):
    for n in range(40):
        edited_person.position = f"Position {n}"
        edited_person.save()
    with django_assert_max_num_queries(10):
        response = administrator_client.get(history_url(edited_person), {"page": 1})
    assert response.status_code == 200
    assert "Page 1 of 2" in response.content.decode()
    # The last entry of page 1 is still compared with the first record of page 2.
    assert "Position 14" in response.content.decode()


def test_the_audit_log_lists_changes_across_models_newest_first(administrator_client, edited_person):
    event = TrainingEventFactory(title="Regional training")
    response = administrator_client.get(reverse("people:audit-log"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(f"Training event #{event.pk}") < html.index(f"Person #{edited_person.pk}")
    assert history_url(edited_person) in html


def test_the_audit_log_filters_by_model_user_and_date(administrator_client, edited_person, coordinator):
    TrainingEventFactory()
    url = reverse("people:audit-log")
    by_model = administrator_client.get(url, {"model": "courses.trainingevent"}).content.decode()
    assert "Training event #" in by_model and "Person #" not in by_model

    by_user = administrator_client.get(url, {"user": coordinator.pk}).content.decode()
    assert "1 change" in by_user and f"Person #{edited_person.pk}" in by_user

    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    assert "No change matches" in administrator_client.get(url, {"date_from": tomorrow}).content.decode()


def test_the_audit_log_has_bounded_queries(administrator_client, django_assert_max_num_queries):
    for _ in range(3):
        PersonFactory()
        TrainingEventFactory()

    def count_queries():
        with django_assert_max_num_queries(12) as captured:
            assert administrator_client.get(reverse("people:audit-log")).status_code == 200
        return len(captured)

    few = count_queries()
    for _ in range(30):
        PersonFactory()
        EnrolmentFactory()
    assert count_queries() == few
    assert Person.history.count() > 50

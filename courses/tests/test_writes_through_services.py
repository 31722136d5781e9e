"""The screens of courses write through services: what they save, who is recorded, and what
they refuse (with a message, never a 500) when another record or another request is in the way."""

import datetime
from unittest import mock

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from courses.forms.curriculum import ModuleForm
from courses.models import AgendaItem, Attendance, Enrolment, Module, TrainerAssignment, TrainingEvent
from courses.services.events import add_agenda_item, update_agenda_item, update_event
from courses.tests.factories import (
    EnrolmentFactory,
    ModuleFactory,
    TrainerAssignmentFactory,
    TrainingEventFactory,
)
from people.errors import DomainError
from people.forms.people import PersonForm
from people.models import Gender, Language, Person
from people.tests.factories import OrganisationFactory, PersonFactory

D = datetime.date


@pytest.fixture
def event(db):
    return TrainingEventFactory(title="Almaty national training", with_days=True, capacity=None)


def taken_after_validation(form_class, other_request):
    """The form's own checks pass, then another request saves the same value before ours."""
    validate = form_class._post_clean

    def validated_then_taken(form):
        validate(form)
        other_request()

    return mock.patch.object(form_class, "_post_clean", validated_then_taken)


@pytest.fixture
def root_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    return client


class TestAgenda:
    def test_an_added_item_goes_to_the_end_of_its_day_with_its_speakers(
        self, coordinator_client, coordinator, event
    ):
        day = event.days.first()
        first = add_agenda_item(day=day, title="Opening")
        speaker = TrainerAssignmentFactory(event=event).person
        module = ModuleFactory()
        response = coordinator_client.post(reverse("courses:agenda-item-create", args=[event.pk]), {
            "day": day.pk, "module": module.pk, "title": "", "start_time": "10:00", "end_time": "11:00",
            "speakers": [speaker.pk],
        })
        assert response.status_code == 302
        item = AgendaItem.objects.exclude(pk=first.pk).get()
        assert item.position == first.position + 1
        assert list(item.speakers.all()) == [speaker]
        assert item.history.first().history_user == coordinator

    def test_an_edited_item_keeps_its_place(self, coordinator_client, event):
        day = event.days.first()
        add_agenda_item(day=day, title="Opening")
        item = add_agenda_item(day=day, title="Closing")
        response = coordinator_client.post(
            reverse("courses:agenda-item-edit", args=[event.pk, item.pk]),
            {"day": day.pk, "title": "Closing and certificates", "start_time": "16:00", "end_time": "17:00"},
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert (item.title, item.position) == ("Closing and certificates", 2)
        assert item.start_time == datetime.time(16)

    def test_the_service_refuses_an_item_without_a_topic_or_ending_before_it_starts(self, event):
        day = event.days.first()
        with pytest.raises(DomainError, match="module or give a title"):
            add_agenda_item(day=day, title="  ")
        with pytest.raises(DomainError, match="must end after it starts") as refusal:
            add_agenda_item(day=day, title="Late", start_time=datetime.time(11), end_time=datetime.time(10))
        assert refusal.value.field == "end_time"
        assert not AgendaItem.objects.exists()

    def test_the_service_refuses_a_day_of_another_event(self, event):
        item = add_agenda_item(day=event.days.first(), title="Opening")
        other_day = TrainingEventFactory(with_days=True).days.first()
        with pytest.raises(DomainError, match="day of this event"):
            update_agenda_item(item=item, day=other_day, title="Moved")

    def test_an_item_is_removed(self, coordinator_client, event):
        item = add_agenda_item(day=event.days.first(), title="Opening")
        response = coordinator_client.post(reverse("courses:agenda-item-delete", args=[event.pk, item.pk]))
        assert response.status_code == 302
        assert not AgendaItem.objects.exists()

    def test_an_item_another_record_relies_on_is_refused_on_the_page(self, coordinator_client, event):
        # Nothing protects an agenda item today; a record added later (a feedback form, say)
        # gets the same answer as an assignment accreditation relies on.
        item = add_agenda_item(day=event.days.first(), title="Opening")
        keeper = PersonFactory(given_name="Ana", family_name="Silva")
        with mock.patch.object(AgendaItem, "delete", side_effect=ProtectedError("protected", {keeper})):
            response = coordinator_client.post(
                reverse("courses:agenda-item-delete", args=[event.pk, item.pk])
            )
        assert response.status_code == 200
        assert (
            "This agenda item cannot be removed: it is referred to by person “Ana Silva” "
            "(People and reference data)." in response.content.decode()
        )
        assert AgendaItem.objects.filter(pk=item.pk).exists()


class TestTrainers:
    def test_a_trainer_is_taken_off_and_the_history_says_who(self, coordinator_client, coordinator, event):
        assignment = TrainerAssignmentFactory(event=event)
        response = coordinator_client.post(reverse("courses:trainer-remove", args=[event.pk, assignment.pk]))
        assert response.status_code == 302
        assert not TrainerAssignment.objects.exists()
        removal = TrainerAssignment.history.filter(id=assignment.pk).latest("history_date")
        assert removal.history_type == "-" and removal.history_user == coordinator


class TestEvents:
    def test_a_new_event_records_who_created_it_and_its_languages(self, coordinator_client, coordinator):
        english = Language.objects.get_or_create(code="en", defaults={"name": "English"})[0]
        organiser = OrganisationFactory()
        response = coordinator_client.post(reverse("courses:event-create"), {
            "title": "Tashkent workshop", "kind": "national", "format": "in_person",
            "time_zone": "Asia/Tashkent",
            "start_date": "2026-03-02", "end_date": "2026-03-06", "completion_threshold": 80,
            "excused_policy": "not_counted", "languages": [english.pk], "organisers": [organiser.pk],
        })
        assert response.status_code == 302
        event = TrainingEvent.objects.get(title="Tashkent workshop")
        assert event.created_by == coordinator and event.status == TrainingEvent.Status.DRAFT
        assert list(event.languages.all()) == [english] and list(event.organisers.all()) == [organiser]
        assert event.history.first().history_user == coordinator

    def test_editing_an_event_leaves_its_dates_alone(self, coordinator_client, event):
        response = coordinator_client.post(reverse("courses:event-edit", args=[event.pk]), {
            "title": "Almaty regional training", "kind": "regional", "format": "in_person",
            "time_zone": "Asia/Almaty", "completion_threshold": 75, "excused_policy": "not_counted",
            "start_date": "2030-01-01", "end_date": "2030-01-02",
        })
        assert response.status_code == 302
        changed = TrainingEvent.objects.get(pk=event.pk)
        assert (changed.title, changed.completion_threshold) == ("Almaty regional training", 75)
        assert (changed.start_date, changed.end_date) == (event.start_date, event.end_date)

    def test_the_service_will_not_change_dates_behind_the_history(self, event):
        with pytest.raises(ValueError, match="change_dates"):
            update_event(event=event, values={"start_date": D(2030, 1, 1)})

    def test_the_information_note_sections_are_saved(self, coordinator_client, event):
        response = coordinator_client.post(reverse("courses:event-note", args=[event.pk]), {
            "background": "Invited by the State Revenue Committee.", "highlights": "",
            "additional_comments": "",
        })
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.background == "Invited by the State Revenue Committee."


class TestCurriculum:
    def test_retiring_a_module_an_agenda_uses_keeps_it_on_that_agenda(self, coordinator_client, event):
        module = ModuleFactory()
        item = add_agenda_item(day=event.days.first(), module=module)
        assert coordinator_client.post(reverse("courses:module-retire", args=[module.pk])).status_code == 302
        item.refresh_from_db()
        assert item.module == module and not Module.objects.get(pk=module.pk).active
        reactivated = coordinator_client.post(reverse("courses:module-reactivate", args=[module.pk]))
        assert reactivated.status_code == 302
        assert Module.objects.get(pk=module.pk).active

    def test_a_code_taken_meanwhile_by_another_request_is_a_form_error(self, coordinator_client, db):
        with taken_after_validation(ModuleForm, lambda: ModuleFactory(code="STCE-20")):
            response = coordinator_client.post(reverse("courses:module-create"), {
                "code": "stce-20", "title": "Investigation", "topic_area": "enforcement", "hours": "3",
            })
        assert response.status_code == 200
        assert response.context["form"].errors["code"] == ["Another module already has the code STCE-20."]
        assert Module.objects.count() == 1

    def test_the_admin_refuses_to_delete_a_module_an_agenda_uses(self, root_client, event):
        module = ModuleFactory()
        add_agenda_item(day=event.days.first(), module=module)
        response = root_client.post(reverse("admin:courses_module_delete", args=[module.pk]), {"post": "yes"})
        assert response.status_code == 200
        assert "protected related objects" in response.content.decode()
        assert Module.objects.filter(pk=module.pk).exists()


class TestParticipants:
    def test_withdrawing_a_participant_keeps_their_attendance(self, coordinator_client, event):
        enrolment = EnrolmentFactory(event=event)
        Attendance.objects.create(enrolment=enrolment, day=event.days.first(), status="present")
        response = coordinator_client.post(
            reverse("courses:participant-withdraw", args=[event.pk, enrolment.pk]), {"reason": "Recalled"}
        )
        assert response.status_code == 302
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.WITHDRAWN and enrolment.attendance.count() == 1

    def test_a_new_participant_whose_email_was_taken_meanwhile_gets_a_form_error(
        self, coordinator_client, event
    ):
        with taken_after_validation(PersonForm, lambda: PersonFactory(
            given_name="Ana", family_name="Silva", email="Ana.Silva@customs.example"
        )):
            response = coordinator_client.post(reverse("courses:participant-add", args=[event.pk]), {
                "action": "create", "given_name": "Ana", "family_name": "Silva-Costa",
                "gender": Gender.FEMALE, "preferred_language": "en", "email": "ana.silva@CUSTOMS.example",
            })
        assert response.status_code == 200
        assert response.context["person_form"].errors["email"] == [
            "Another person already has this e-mail address: Ana Silva."
        ]
        assert not Person.objects.filter(family_name="Silva-Costa").exists()
        assert not Enrolment.objects.exists()

    def test_the_admin_refuses_to_delete_a_person_with_enrolments(self, root_client, event):
        person = EnrolmentFactory(event=event).person
        response = root_client.post(reverse("admin:people_person_delete", args=[person.pk]), {"post": "yes"})
        assert response.status_code == 200
        assert "protected related objects" in response.content.decode()
        bulk = root_client.post(
            reverse("admin:people_person_changelist"),
            {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"},
        )
        assert bulk.status_code == 200
        assert "protected related objects" in bulk.content.decode()
        assert Person.objects.filter(pk=person.pk).exists()

    def test_the_admin_refuses_to_delete_an_event_day_with_attendance(self, root_client, event):
        day = event.days.order_by("date").first()
        Attendance.objects.create(enrolment=EnrolmentFactory(event=event), day=day, status="present")
        url = reverse("admin:courses_trainingevent_change", args=[event.pk])
        form = root_client.get(url).context["adminform"].form
        data = {name: value for name, value in form.initial.items() if value is not None}
        data |= {
            "languages": [], "organisers": [], "partners": [],
            "start_date": event.start_date.isoformat(), "end_date": event.end_date.isoformat(),
        }
        days = list(event.days.order_by("date"))
        data |= {
            "days-TOTAL_FORMS": len(days), "days-INITIAL_FORMS": len(days), "days-MIN_NUM_FORMS": 0,
            "days-MAX_NUM_FORMS": 1000, "date_changes-TOTAL_FORMS": 0, "date_changes-INITIAL_FORMS": 0,
            "date_changes-MIN_NUM_FORMS": 0, "date_changes-MAX_NUM_FORMS": 1000,
        }
        for index, each in enumerate(days):
            data |= {
                f"days-{index}-id": each.pk, f"days-{index}-event": event.pk,
                f"days-{index}-date": each.date.isoformat(), f"days-{index}-title": "",
            }
        data["days-0-DELETE"] = "on"
        response = root_client.post(url, data)
        assert response.status_code == 200
        assert "correct the attendance before removing the day" in response.content.decode()
        assert event.days.filter(pk=day.pk).exists() and Attendance.objects.count() == 1

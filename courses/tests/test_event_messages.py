"""What courses e-mail and publish for an event's people: joining instructions with their
recipient list and preview, the news of new dates, reminders, personal pages, calendar feeds,
and large imports committed by a worker."""

import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from background.maintenance import run_due_schedules
from background.models import Job
from courses.models import AgendaItem, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from courses.services.events import change_dates
from courses.services.icalendar import calendar
from courses.services.personal_links import personal_url
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from courses.tests.test_participant_import import as_csv, rows
from mailing.models import Message
from people import roles
from people.tests.factories import CountryFactory, PersonFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
SOON = datetime.date.today() + datetime.timedelta(days=30)


@pytest.fixture
def event():
    event = TrainingEventFactory(
        title="Regional training", start_date=SOON, time_zone="Asia/Shanghai", platform="Zoom"
    )
    day = EventDay.objects.create(event=event, date=SOON)
    AgendaItem.objects.create(
        day=day, title="Opening", position=1, start_time=datetime.time(9, 0), end_time=datetime.time(10, 30)
    )
    return event


def _enrol(event, **person):
    return EnrolmentFactory(event=event, person=PersonFactory(**person)).person


class TestJoiningInstructionsPage:
    def test_lists_the_recipients_and_previews_exactly_what_one_of_them_gets(self, coordinator_client, event):
        ana = _enrol(
            event, given_name="Ana", family_name="Silva", email="ana@example.org", preferred_language="es"
        )
        _enrol(event, given_name="No", family_name="Mail", email=None)
        url = reverse("courses:joining-instructions", args=[event.pk])
        page = coordinator_client.get(url, {"preview": ana.pk}).content.decode()
        assert "ana@example.org" in page and "no address: not sent" in page
        assert "Estimada Ana Silva:" in page  # in her language, agreeing with her recorded gender
        assert "09:00–10:30" in page and "event.ics" in page and "/courses/p/" in page
        with_note = coordinator_client.post(
            url, {"message": "Código Zoom 1540", "action": "preview", "preview_for": ana.pk}
        )
        assert "Código Zoom 1540" in with_note.content.decode() and not Message.objects.exists()

    def test_the_recipient_list_costs_a_fixed_number_of_queries(
        self, coordinator_client, event, django_assert_max_num_queries
    ):
        _enrol(event, email="first@example.org")
        url = reverse("courses:joining-instructions", args=[event.pk])
        with django_assert_max_num_queries(25) as few:
            assert coordinator_client.get(url).status_code == 200
        for i in range(15):
            _enrol(event, email=f"p{i}@example.org", preferred_language=["fr", "es", "ru"][i % 3])
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert "p14@example.org" in coordinator_client.get(url).content.decode()

    def test_sending_answers_with_the_progress_page_and_a_worker_sends(
        self, coordinator_client, event, run_tasks
    ):
        _enrol(event, email="p@example.org")
        response = coordinator_client.post(
            reverse("courses:joining-instructions", args=[event.pk]), {"message": "", "action": "send"}
        )
        job = Job.objects.get()
        assert response["Location"] == job.get_absolute_url() and not mail.outbox
        run_tasks()
        assert [m.to for m in mail.outbox] == [["p@example.org"]]
        landing = coordinator_client.get(job.get_absolute_url(), follow=True)
        assert landing.redirect_chain[-1][0] == reverse("courses:event-emails", args=[event.pk])

    def test_participants_get_a_personal_page_and_trainers_who_sign_in_the_events_page(
        self, event, run_tasks
    ):
        from courses.services.joining import send_joining_instructions

        _enrol(event, email="p@example.org")
        trainer = PersonFactory(email="t@example.org", user=UserFactory(username="lead", role=roles.TRAINER))
        TrainerAssignment.objects.create(event=event, person=trainer)
        send_joining_instructions(event=event)
        run_tasks()
        bodies = {m.to[0]: m.body for m in mail.outbox}
        assert (
            "/courses/p/" in bodies["p@example.org"] and f"/events/{event.pk}/" not in bodies["p@example.org"]
        )
        assert f"https://stce.example.org/courses/events/{event.pk}/" in bodies["t@example.org"]
        ics = mail.outbox[0].attachments[0][1]
        assert "URL:" not in ics  # nothing in the calendar file needs a sign-in


class TestNewDates:
    def test_the_event_page_offers_to_tell_those_informed_and_they_are_told_once(
        self, coordinator_client, coordinator, event, run_tasks
    ):
        from courses.services.joining import send_joining_instructions

        informed = _enrol(event, email="informed@example.org")
        send_joining_instructions(event=event)
        run_tasks()
        late = _enrol(event, email="late@example.org")
        assert (
            "Tell them the new dates" not in coordinator_client.get(event.get_absolute_url()).content.decode()
        )
        change_dates(
            event=event,
            start_date=SOON + datetime.timedelta(days=7),
            end_date=SOON + datetime.timedelta(days=11),
            reason="Host asked",
            postpone=True,
            by=coordinator,
        )
        assert "Tell them the new dates" in coordinator_client.get(event.get_absolute_url()).content.decode()
        url = reverse("courses:date-change-notice", args=[event.pk])
        page = coordinator_client.get(url).content.decode()
        assert "informed@example.org" in page and "late@example.org" not in page and "Host asked" in page
        coordinator_client.post(url, {"message": "", "action": "send"})
        run_tasks()
        news = mail.outbox[-1]
        assert news.to == ["informed@example.org"] and news.subject.startswith("New dates")
        assert Message.objects.filter(person=late).count() == 0
        assert Message.objects.filter(person=informed).count() == 2
        assert (
            "Tell them the new dates" not in coordinator_client.get(event.get_absolute_url()).content.decode()
        )
        assert coordinator_client.get(url).status_code == 302  # nobody left to tell


def test_the_send_log_of_an_event_lists_its_messages_with_a_fixed_number_of_queries(
    coordinator_client, event, run_tasks, django_assert_max_num_queries
):
    from courses.services.joining import send_joining_instructions

    _enrol(event, email="a@example.org")
    send_joining_instructions(event=event)
    run_tasks()
    url = reverse("courses:event-emails", args=[event.pk])
    with django_assert_max_num_queries(12) as few:
        assert "a@example.org" in coordinator_client.get(url).content.decode()
    for i in range(20):
        _enrol(event, email=f"x{i}@example.org")
    send_joining_instructions(event=event, message="again")
    run_tasks()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "x19@example.org" in coordinator_client.get(url).content.decode()


def test_people_informed_of_an_event_are_reminded_a_week_before_once(event, run_tasks, settings):
    from courses.services.joining import send_joining_instructions

    settings.STCE_EVENT_REMINDER_DAYS = 7
    settings.BACKGROUND_SCHEDULES = {"event-reminders": ("courses.tasks.send_event_reminders", "07:00")}
    _enrol(event, email="p@example.org")
    _enrol(event, email="never-informed-yet@example.org")
    Message.objects.all().delete()
    send_joining_instructions(event=event)
    Enrolment.objects.filter(person__email="never-informed-yet@example.org").delete()
    _enrol(event, email="never-informed@example.org")
    run_tasks()
    mail.outbox.clear()
    week_before = datetime.datetime.combine(event.start_date - datetime.timedelta(days=7), datetime.time(8))
    from django.utils import timezone

    now = timezone.make_aware(week_before)
    assert run_due_schedules(now) == ["event-reminders"]
    run_tasks()
    assert [m.to for m in mail.outbox] == [["p@example.org"]]
    assert mail.outbox[0].subject.startswith("Reminder:")
    from courses.tasks import send_event_reminders

    send_event_reminders.enqueue(day=week_before.date().isoformat())
    run_tasks()
    assert len(mail.outbox) == 1


class TestPersonalPage:
    def test_shows_the_event_without_an_account_and_stops_after_the_event(self, event):
        person = _enrol(event, given_name="Ana")
        url = personal_url(event, person).removeprefix("https://stce.example.org")
        page = Client().get(url)
        assert (
            page.status_code == 200
            and "Opening" in page.content.decode()
            and page["X-Robots-Tag"] == "noindex"
        )
        assert Client().get(url + "event.ics").status_code == 200
        assert Client().get(url.replace("/p/", "/p/x")).status_code == 404
        TrainingEvent.objects.filter(pk=event.pk).update(
            start_date=datetime.date(2021, 10, 18), end_date=datetime.date(2021, 10, 22)
        )
        assert Client().get(url).status_code == 404

    def test_a_withdrawn_participant_no_longer_opens_it(self, event):
        person = _enrol(event)
        url = personal_url(event, person).removeprefix("https://stce.example.org")
        Enrolment.objects.filter(person=person).update(status=Enrolment.Status.WITHDRAWN)
        assert Client().get(url).status_code == 404


class TestCalendarFeed:
    def test_a_trainer_subscribes_to_their_events_with_their_sessions_in_the_events_time_zone(
        self, trainer_client, trainer, event, other_trainer
    ):
        TrainerAssignment.objects.create(event=event, person=trainer.person)
        TrainingEventFactory(title="Not theirs", start_date=SOON)
        page = trainer_client.post(reverse("courses:calendar-subscription"), {"action": "create"})
        address = page.context["new_url"]
        feed = Client().get(address.removeprefix("https://stce.example.org"))
        text = feed.content.decode()
        assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
        assert "SUMMARY:Regional training" in text and "Not theirs" not in text
        day = SOON.strftime("%Y%m%d")
        assert f"DTSTART;TZID=Asia/Shanghai:{day}T090000" in text and "BEGIN:VTIMEZONE" in text
        assert "TZOFFSETTO:+0800" in text
        # A new address replaces the old one; a revoked one is gone.
        newer = trainer_client.post(reverse("courses:calendar-subscription"), {"action": "create"})
        assert Client().get(address.removeprefix("https://stce.example.org")).status_code == 404
        trainer_client.post(reverse("courses:calendar-subscription"), {"action": "revoke"})
        assert (
            Client().get(newer.context["new_url"].removeprefix("https://stce.example.org")).status_code == 404
        )

    def test_a_coordinators_feed_holds_the_programme(self, coordinator_client, event):
        TrainingEventFactory(title="Draft plan", status=TrainingEvent.Status.DRAFT, start_date=SOON)
        address = coordinator_client.post(reverse("courses:calendar-subscription"), {"action": "create"})
        text = (
            Client().get(address.context["new_url"].removeprefix("https://stce.example.org")).content.decode()
        )
        assert "Regional training" in text and "Draft plan" not in text


def test_summer_time_changes_are_in_the_calendars_time_zone():
    event = TrainingEventFactory(start_date=datetime.date(2021, 10, 29), time_zone="Europe/Brussels")
    before = EventDay.objects.create(event=event, date=datetime.date(2021, 10, 29))
    after = EventDay.objects.create(event=event, date=datetime.date(2021, 11, 1))
    AgendaItem.objects.create(day=before, title="Before the change", start_time=datetime.time(9))
    AgendaItem.objects.create(day=after, title="After the change", start_time=datetime.time(9))
    text = calendar([event])
    assert "TZOFFSETTO:+0200\r\nTZNAME:CEST" in text
    assert "DTSTART:20211031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100" in text
    assert "DTSTART;TZID=Europe/Brussels:20211029T090000" in text
    assert "DTSTART;TZID=Europe/Brussels:20211101T090000" in text


class TestLargeImport:
    @pytest.fixture
    def countries(self):
        CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))

    def test_is_committed_by_a_worker_with_progress_all_or_nothing(
        self, coordinator_client, countries, run_tasks, settings, tmp_path
    ):
        settings.STCE_BACKGROUND_IMPORT_ROWS = 10
        event = TrainingEventFactory(capacity=None)
        upload = io.BytesIO(as_csv(rows(25)))
        upload.name = "list.csv"
        preview = coordinator_client.post(
            reverse("courses:participant-import", args=[event.pk]), {"file": upload}
        )
        commit = coordinator_client.post(
            reverse("courses:participant-import-commit", args=[event.pk]), {"token": preview.context["token"]}
        )
        job = Job.objects.get()
        assert commit["Location"] == job.get_absolute_url() and job.total == 25
        assert not Enrolment.objects.exists()
        run_tasks()
        assert event.enrolments.count() == 25
        landing = coordinator_client.get(job.get_absolute_url(), follow=True)
        assert "25 enrolled" in landing.content.decode()

    def test_a_file_that_became_wrong_meanwhile_imports_nothing(
        self, coordinator_client, countries, run_tasks, settings
    ):
        settings.STCE_BACKGROUND_IMPORT_ROWS = 10
        event = TrainingEventFactory(capacity=None)
        upload = io.BytesIO(as_csv(rows(25)))
        upload.name = "list.csv"
        preview = coordinator_client.post(
            reverse("courses:participant-import", args=[event.pk]), {"file": upload}
        )
        coordinator_client.post(
            reverse("courses:participant-import-commit", args=[event.pk]), {"token": preview.context["token"]}
        )
        TrainingEvent.objects.filter(pk=event.pk).update(capacity=5)
        run_tasks()
        job = Job.objects.get()
        assert job.state == Job.State.FAILED and "nothing was imported" in job.outcome
        assert not Enrolment.objects.exists()


def test_pressing_commit_twice_imports_once_and_lands_on_the_same_page(
    coordinator_client, settings, tmp_path
):
    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    event = TrainingEventFactory(capacity=None)
    upload = io.BytesIO(as_csv(rows(3)))
    upload.name = "list.csv"
    preview = coordinator_client.post(
        reverse("courses:participant-import", args=[event.pk]), {"file": upload}
    )
    url = reverse("courses:participant-import-commit", args=[event.pk])
    first = coordinator_client.post(url, {"token": preview.context["token"]})
    second = coordinator_client.post(url, {"token": preview.context["token"]})
    assert event.enrolments.count() == 3
    assert first["Location"] == second["Location"] == reverse("courses:participant-list", args=[event.pk])


def test_pressing_commit_twice_on_a_large_import_starts_one_job(coordinator_client, settings, tmp_path):
    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    settings.STCE_BACKGROUND_IMPORT_ROWS = 10
    event = TrainingEventFactory(capacity=None)
    upload = io.BytesIO(as_csv(rows(25)))
    upload.name = "list.csv"
    preview = coordinator_client.post(
        reverse("courses:participant-import", args=[event.pk]), {"file": upload}
    )
    url = reverse("courses:participant-import-commit", args=[event.pk])
    first = coordinator_client.post(url, {"token": preview.context["token"]})
    second = coordinator_client.post(url, {"token": preview.context["token"]})
    job = Job.objects.get()
    assert first["Location"] == second["Location"] == job.get_absolute_url()

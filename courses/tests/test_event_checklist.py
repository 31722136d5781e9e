"""The event page as a checklist: each line says what is ready or missing and links to where
it is fixed; the actions follow the status, and a refused action is shown disabled with the
same reason the service refuses with."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from courses.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    EventDay,
    TrainerAssignment,
    TrainingEvent,
)
from courses.services import event_rules
from courses.services.enrolment import enrol
from courses.services.events import change_dates, change_status, reopen_event, update_event
from courses.services.joining import send_joining_instructions
from courses.tests.factories import EnrolmentFactory, ModuleFactory, TrainingEventFactory
from people.errors import DomainError
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
S = TrainingEvent.Status
TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=60)
SOON = TODAY + datetime.timedelta(days=30)


def _page(client, event) -> str:
    return client.get(event.get_absolute_url()).content.decode()


def _lines(client, event) -> dict:
    return {line.key: line for line in client.get(event.get_absolute_url()).context["checklist"]}


def _live(page: str, attribute: str) -> set[str]:
    """The actions (data-action) or statuses (data-status) offered as live controls."""
    found = set()
    for tag in re.findall(rf"<(?:a|button)[^>]*{attribute}=\"[^\"]+\"[^>]*>", page):
        if " disabled" not in tag:
            found.add(re.search(rf'{attribute}="([^"]+)"', tag).group(1))
    return found


def _disabled(page: str, attribute: str) -> set[str]:
    return {
        re.search(rf'{attribute}="([^"]+)"', tag).group(1)
        for tag in re.findall(rf"<button[^>]* disabled[^>]*{attribute}=\"[^\"]+\"[^>]*>", page)
    }


def _agenda_item(day, n=1):
    return AgendaItem.objects.create(day=day, module=ModuleFactory(), position=n)


class TestAgendaLine:
    def test_an_event_without_agenda_says_so_and_links_to_the_agenda(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, with_days=True)
        line = _lines(coordinator_client, event)["agenda"]
        assert not line.done and line.text == "No agenda yet."
        assert line.url == reverse("courses:agenda", args=[event.pk])

    def test_days_left_empty_are_counted(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, with_days=True)
        _agenda_item(event.days.first())
        line = _lines(coordinator_client, event)["agenda"]
        assert not line.done and line.text == "4 days of 5 have nothing on them yet."

    def test_every_day_filled_is_done(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, with_days=True)
        for day in event.days.all():
            _agenda_item(day)
        line = _lines(coordinator_client, event)["agenda"]
        assert line.done and line.text == "5 sessions, on every day of the event."
        assert 'data-line="agenda" data-done="yes"' in _page(coordinator_client, event)


class TestTrainersLine:
    def test_no_trainer_links_to_assigning_one(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON)
        line = _lines(coordinator_client, event)["trainers"]
        assert not line.done and line.text == "No trainer assigned yet."
        assert line.url == reverse("courses:trainer-assign", args=[event.pk])

    def test_assigned_trainers_are_counted(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON)
        TrainerAssignment.objects.create(event=event, person=PersonFactory())
        line = _lines(coordinator_client, event)["trainers"]
        assert line.done and line.text == "1 trainer assigned."

    def test_on_a_completed_event_the_line_links_to_the_list_not_to_assigning(self, coordinator_client):
        event = TrainingEventFactory(start_date=PAST, status=S.COMPLETED)
        assert _lines(coordinator_client, event)["trainers"].url == "#trainers"


class TestParticipantsLine:
    def test_participants_are_counted_against_the_capacity(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, capacity=30)
        EnrolmentFactory.create_batch(2, event=event)
        line = _lines(coordinator_client, event)["participants"]
        assert line.done and line.text == "2 participants; capacity 30."
        assert line.url == reverse("courses:participant-list", args=[event.pk])

    def test_over_capacity_is_a_problem(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, capacity=1)
        EnrolmentFactory.create_batch(2, event=event)
        line = _lines(coordinator_client, event)["participants"]
        assert not line.done and line.problem

    def test_without_participants_or_capacity(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON)
        line = _lines(coordinator_client, event)["participants"]
        assert not line.done and line.text == "0 participants; no capacity set."


class TestJoiningInstructionsLine:
    @pytest.fixture
    def event(self):
        event = TrainingEventFactory(start_date=SOON, venue="Astana", status=S.CONFIRMED)
        EnrolmentFactory(event=event, person=PersonFactory(email="ana@example.org"))
        return event

    def test_not_sent_yet_links_to_sending_them(self, coordinator_client, event):
        line = _lines(coordinator_client, event)["joining"]
        assert not line.done and line.text == "Not sent yet."
        assert line.url == reverse("courses:joining-instructions", args=[event.pk])

    def test_sent_shows_the_date(self, coordinator_client, event, coordinator):
        send_joining_instructions(event=event, by=coordinator)
        line = _lines(coordinator_client, event)["joining"]
        assert line.done and line.text.startswith("Sent on ") and not line.problem

    def test_a_change_of_venue_after_sending_makes_them_out_of_date(
        self, coordinator_client, event, coordinator
    ):
        send_joining_instructions(event=event, by=coordinator)
        update_event(event=event, values={"venue": "Almaty"}, by=coordinator)
        line = _lines(coordinator_client, event)["joining"]
        assert line.problem and not line.done
        assert "Out of date. Changes since they were sent: venue." in line.text

    def test_new_dates_after_sending_lead_to_telling_them(self, coordinator_client, event, coordinator):
        send_joining_instructions(event=event, by=coordinator)
        change_dates(
            event=event,
            start_date=SOON + datetime.timedelta(days=7),
            end_date=SOON + datetime.timedelta(days=11),
            reason="Host asked",
            postpone=False,
            by=coordinator,
        )
        line = _lines(coordinator_client, event)["joining"]
        assert "Out of date. Changes since they were sent: dates." in line.text
        assert line.url == reverse("courses:date-change-notice", args=[event.pk])

    def test_a_draft_says_why_nothing_is_sent(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, status=S.DRAFT)
        line = _lines(coordinator_client, event)["joining"]
        assert line.text == "Messages are not sent for a draft event." and line.url == ""

    def test_a_completed_event_says_only_that_nothing_was_sent(self, coordinator_client):
        event = TrainingEventFactory(start_date=PAST, status=S.COMPLETED)
        line = _lines(coordinator_client, event)["joining"]
        assert line.text == "Not sent." and line.url == ""

    def test_trainers_do_not_see_the_mailing_line(self, trainer_client, trainer):
        event = TrainingEventFactory(start_date=SOON)
        TrainerAssignment.objects.create(event=event, person=trainer.person)
        lines = _lines(trainer_client, event)
        assert "joining" not in lines and "certificates" not in lines
        assert {"agenda", "trainers", "participants", "attendance"} <= lines.keys()


class TestAttendanceLine:
    def test_days_recorded_of_the_event_days(self, coordinator_client):
        event = TrainingEventFactory(start_date=PAST, with_days=True)
        enrolment = EnrolmentFactory(event=event)
        for day in list(event.days.order_by("date"))[:2]:
            Attendance.objects.create(enrolment=enrolment, day=day, status=AttendanceStatus.PRESENT)
        line = _lines(coordinator_client, event)["attendance"]
        assert not line.done and line.text == "Recorded on 2 days of 5."
        assert line.url == reverse("courses:attendance-event", args=[event.pk])

    def test_an_event_without_days(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON)
        assert _lines(coordinator_client, event)["attendance"].text == "No event days yet."


# Per status: (statuses offered live, statuses shown disabled, plan actions shown disabled).
PLAN = {"edit", "dates", "agenda", "trainer", "enrol", "import", "joining"}
STATUS_TABLE = {
    S.DRAFT: ({"planned", "cancelled"}, {"confirmed", "postponed", "completed"}, {"joining"}),
    S.PLANNED: ({"draft", "confirmed", "postponed", "cancelled"}, {"completed"}, set()),
    S.CONFIRMED: ({"planned", "postponed", "completed", "cancelled"}, {"draft"}, set()),
    S.POSTPONED: ({"planned", "confirmed", "cancelled"}, {"draft", "completed"}, set()),
    S.COMPLETED: (set(), {"draft", "planned", "confirmed", "postponed", "cancelled"}, PLAN),
    S.CANCELLED: (
        {"draft"},
        {"planned", "confirmed", "postponed", "completed"},
        {"dates", "enrol", "import", "joining"},
    ),
}


class TestActionsFollowTheStatus:
    @pytest.mark.parametrize("status", list(STATUS_TABLE))
    def test_each_status_offers_what_the_rules_allow(self, coordinator_client, status):
        live_statuses, refused_statuses, refused_actions = STATUS_TABLE[status]
        event = TrainingEventFactory(start_date=PAST, status=status)
        page = _page(coordinator_client, event)
        assert _live(page, "data-status") == live_statuses
        assert _disabled(page, "data-status") == refused_statuses
        assert _disabled(page, "data-action") == refused_actions
        assert _live(page, "data-action") - {"reopen"} == PLAN - refused_actions
        assert ("reopen" in _live(page, "data-action")) == (status == S.COMPLETED)

    @pytest.mark.parametrize("status", list(STATUS_TABLE))
    def test_each_refused_status_shows_the_services_own_reason(self, coordinator_client, status):
        event = TrainingEventFactory(start_date=PAST, status=status)
        page = _page(coordinator_client, event)
        for target in STATUS_TABLE[status][1]:
            if target == S.POSTPONED:
                reason = event_rules.date_change_refusal(event, postpone=True)
            else:
                reason = event_rules.status_change_refusal(event, target)
            assert reason and reason in page

    def test_postponing_a_draft_is_explained_before_the_click(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, status=S.DRAFT)
        page = _page(coordinator_client, event)
        assert "A draft event cannot be postponed." in page
        assert "postponed" in _disabled(page, "data-status")
        # The server refuses it with the same words.
        with pytest.raises(DomainError, match="A draft event cannot be postponed."):
            change_dates(event=event, start_date=PAST, end_date=PAST, reason="x", postpone=True)

    def test_completing_before_the_last_day_is_disabled_with_the_reason(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, status=S.CONFIRMED)
        page = _page(coordinator_client, event)
        assert "completed" in _disabled(page, "data-status")
        assert "An event cannot be completed before its last day." in page

    def test_a_refused_status_posted_anyway_gets_the_same_reason(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, status=S.CONFIRMED)
        response = coordinator_client.post(
            reverse("courses:event-status", args=[event.pk]), {"status": "completed"}
        )
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "An event cannot be completed before its last day."
        ]
        event.refresh_from_db()
        assert event.status == S.CONFIRMED

    def test_an_allowed_status_is_one_click(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, status=S.PLANNED)
        coordinator_client.post(reverse("courses:event-status", args=[event.pk]), {"status": "confirmed"})
        event.refresh_from_db()
        assert event.status == S.CONFIRMED

    def test_a_completed_event_keeps_certificates_and_the_note(self, coordinator_client):
        event = TrainingEventFactory(start_date=PAST, status=S.COMPLETED, with_days=True)
        _agenda_item(event.days.first())
        page = _page(coordinator_client, event)
        assert reverse("certificates:certificate-event", args=[event.pk]) in page
        assert reverse("courses:event-note", args=[event.pk]) in page
        assert reverse("courses:participant-add", args=[event.pk]) not in page
        assert reverse("courses:days-generate", args=[event.pk]) not in page
        assert "A completed event is read-only; reopen it, with a reason, to change it." in page

    def test_trainers_see_no_actions(self, trainer_client, trainer):
        event = TrainingEventFactory(start_date=SOON)
        TrainerAssignment.objects.create(event=event, person=trainer.person)
        page = _page(trainer_client, event)
        assert not _live(page, "data-status") and not _disabled(page, "data-action")
        assert "What you can do" not in page


class TestTheServicesRefuseWhatThePageDoesNotOffer:
    @pytest.fixture
    def completed(self):
        return TrainingEventFactory(start_date=PAST, status=S.COMPLETED, with_days=True)

    def test_no_enrolment_on_a_completed_event(self, completed):
        with pytest.raises(DomainError, match="read-only"):
            enrol(event=completed, person=PersonFactory())

    def test_no_edit_no_agenda_no_trainer_no_mailing(self, completed, coordinator):
        from courses.services.assignments import assign_trainer
        from courses.services.events import add_agenda_item

        with pytest.raises(DomainError, match="read-only"):
            update_event(event=completed, values={"venue": "Elsewhere"})
        with pytest.raises(DomainError, match="read-only"):
            add_agenda_item(day=completed.days.first(), title="Extra")
        with pytest.raises(DomainError, match="read-only"):
            assign_trainer(event=completed, person=PersonFactory(), role=TrainerAssignment.Role.LEAD)
        with pytest.raises(DomainError, match="read-only"):
            send_joining_instructions(event=completed, by=coordinator)

    def test_the_pages_say_so_instead_of_failing(self, coordinator_client, completed):
        response = coordinator_client.post(reverse("courses:days-generate", args=[completed.pk]), follow=True)
        assert "read-only" in response.content.decode()
        response = coordinator_client.post(
            reverse("courses:event-edit", args=[completed.pk]),
            {
                "title": "New",
                "kind": "national",
                "format": "in_person",
                "time_zone": "UTC",
                "completion_threshold": 80,
                "excused_policy": "not_counted",
            },
        )
        assert response.status_code == 200 and "read-only" in response.content.decode()


class TestReopening:
    @pytest.fixture
    def completed(self):
        event = TrainingEventFactory(start_date=PAST, status=S.CONFIRMED, with_days=True)
        return change_status(event=event, status=S.COMPLETED)

    def test_reopening_needs_a_reason(self, completed):
        with pytest.raises(DomainError, match="Say why"):
            reopen_event(event=completed, reason="  ")

    def test_reopening_confirms_the_event_opens_its_attendance_and_keeps_the_reason(
        self, completed, coordinator
    ):
        assert completed.attendance_locked
        event = reopen_event(event=completed, reason="A participant was missing", by=coordinator)
        assert event.status == S.CONFIRMED and not event.attendance_locked
        record = event.history.first()
        assert record.history_change_reason == "A participant was missing"
        assert record.history_user == coordinator
        assert event.attendance_reopenings.get().reason == "A participant was missing"
        enrol(event=event, person=PersonFactory())  # correctable again

    def test_only_a_completed_event_is_reopened(self):
        event = TrainingEventFactory(start_date=PAST, status=S.CONFIRMED)
        with pytest.raises(DomainError, match="Only a completed event"):
            reopen_event(event=event, reason="why")

    def test_the_page_asks_for_the_reason_then_reopens(self, coordinator_client, completed):
        url = reverse("courses:event-reopen", args=[completed.pk])
        assert coordinator_client.post(url, {"reason": ""}).status_code == 400
        response = coordinator_client.post(url, {"reason": "Late attendance sheet"})
        assert response.status_code == 302
        completed.refresh_from_db()
        assert completed.status == S.CONFIRMED


class TestCancelling:
    def test_cancelling_asks_first(self, coordinator_client):
        event = TrainingEventFactory(start_date=SOON, status=S.PLANNED)
        url = reverse("courses:event-cancel", args=[event.pk])
        page = coordinator_client.get(url).content.decode()
        assert "Cancel this event?" in page and "Keep the event" in page
        coordinator_client.post(url)
        event.refresh_from_db()
        assert event.status == S.CANCELLED

    def test_a_completed_event_is_not_cancelled(self, coordinator_client):
        event = TrainingEventFactory(start_date=PAST, status=S.COMPLETED)
        page = coordinator_client.post(reverse("courses:event-cancel", args=[event.pk])).content.decode()
        assert "read-only" in page
        event.refresh_from_db()
        assert event.status == S.COMPLETED


class TestQueryCount:
    def test_the_checklist_page_reads_a_fixed_number_of_queries(
        self, coordinator_client, coordinator, django_assert_num_queries
    ):
        event = TrainingEventFactory(start_date=SOON, with_days=True, capacity=40)
        EnrolmentFactory(event=event, person=PersonFactory(email="a@example.org"))
        _agenda_item(event.days.first())
        send_joining_instructions(event=event, by=coordinator)
        # 33: 28 with the agenda's module titles in the reader's language (one prefetch), the
        # invitations to deliver (one), the frameworks and funding section (two) and the
        # evaluation (two: who answered, and the post-test pass mark in the certificates' rule).
        with django_assert_num_queries(33):
            coordinator_client.get(event.get_absolute_url())
        for day in event.days.all():
            _agenda_item(day, 2)
        EnrolmentFactory.create_batch(10, event=event)
        TrainerAssignment.objects.create(event=event, person=PersonFactory())
        update_event(event=event, values={"venue": "Elsewhere"})
        with django_assert_num_queries(33):
            coordinator_client.get(event.get_absolute_url())


def test_a_day_without_items_counts_in_the_agenda_line_once(coordinator_client):
    event = TrainingEventFactory(start_date=SOON)
    EventDay.objects.create(event=event, date=SOON)
    assert _lines(coordinator_client, event)["agenda"].text == "No agenda yet."


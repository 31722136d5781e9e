"""The home page's "needs doing" items: right count, link and role, gone when done, constant queries."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import AgendaItem, Attendance, EventDay
from courses.services.joining import send_joining_instructions
from courses.tests.factories import EnrolmentFactory, TrainerAssignmentFactory, TrainingEventFactory

pytestmark = pytest.mark.django_db


def _home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _upcoming_event(**kwargs):
    start = timezone.localdate() + datetime.timedelta(days=10)
    return TrainingEventFactory(start_date=start, with_days=True, **kwargs)


def test_coordinator_sees_events_missing_agenda_trainers_participants(coordinator_client):
    _upcoming_event()
    _upcoming_event()
    html = _home(coordinator_client)
    assert "2 upcoming events have no agenda" in html
    assert "2 upcoming events have no trainer" in html
    assert "2 upcoming events have no participant" in html
    assert reverse("courses:event-list") in html


def test_coordinator_item_disappears_when_done(coordinator_client, trainer):
    event = _upcoming_event()
    AgendaItem.objects.create(day=event.days.first(), title="Opening")
    TrainerAssignmentFactory(event=event, person=trainer.person)
    EnrolmentFactory(event=event)
    send_joining_instructions(event=event)
    html = _home(coordinator_client)
    assert "no agenda" not in html and "no trainer" not in html and "no participant" not in html
    assert "Nothing needs doing." in html


def test_past_events_are_not_counted_as_missing_things(coordinator_client):
    TrainingEventFactory(start_date=timezone.localdate() - datetime.timedelta(days=30))
    assert "Nothing needs doing." in _home(coordinator_client)


def _trainer_event(trainer, start):
    event = TrainingEventFactory(start_date=start, with_days=True)
    TrainerAssignmentFactory(event=event, person=trainer.person)
    return event


def test_trainer_sees_own_sheets_today_and_past_days_unrecorded(trainer_client, trainer, other_trainer):
    today = timezone.localdate()
    _trainer_event(trainer, today - datetime.timedelta(days=2))  # days -2, -1, today, +1, +2
    _trainer_event(other_trainer, today - datetime.timedelta(days=2))  # not theirs: not counted
    html = _home(trainer_client)
    assert "1 attendance sheet to fill today" in html
    assert "2 past days without attendance recorded" in html


def test_trainer_items_disappear_when_attendance_recorded(trainer_client, trainer):
    today = timezone.localdate()
    event = _trainer_event(trainer, today - datetime.timedelta(days=2))
    enrolment = EnrolmentFactory(event=event)
    for day in EventDay.objects.filter(event=event, date__lte=today):
        Attendance.objects.create(enrolment=enrolment, day=day, status=Attendance.Status.PRESENT)
    html = _home(trainer_client)
    assert "to fill today" not in html and "without attendance recorded" not in html
    assert "Nothing needs doing." in html


def test_lockouts_only_for_administrators(client, administrator, coordinator, settings):
    AccessAttempt.objects.create(
        username="someone",
        ip_address="10.0.0.1",
        user_agent="x",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    client.force_login(administrator)
    html = _home(client)
    assert "1 sign-in lockout" in html
    assert reverse("people:lockout-list") in html
    client.force_login(coordinator)
    assert "sign-in lockout" not in _home(client)


def test_coordinator_does_not_see_trainer_items(coordinator_client, trainer):
    _trainer_event(trainer, timezone.localdate())
    assert "to fill today" not in _home(coordinator_client)


# Pinned per role; the same at both data sizes, so no provider queries per event or day.
# Coordinators: one more for the trainings delivered at home waiting for review.
QUERIES = {"coordinator": 9, "trainer": 5, "administrator": 8}


@pytest.mark.parametrize("size", [1, 6])
def test_home_queries_do_not_grow_with_data(size, client, coordinator, trainer, administrator):
    today = timezone.localdate()
    for _ in range(size):
        event = _trainer_event(trainer, today - datetime.timedelta(days=1))
        EnrolmentFactory(event=event)
        _upcoming_event()
    counts = {}
    for user in (coordinator, trainer, administrator):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            _home(client)
        counts[user.username] = len(ctx.captured_queries)
    assert counts == QUERIES


def _accredited_expert(valid_until):
    from accreditation.models import ExpertStatus
    from accreditation.tests.factories import ExpertFactory

    return ExpertFactory(
        status=ExpertStatus.ACCREDITED, accredited_on=datetime.date(2020, 1, 1), valid_until=valid_until
    )


def test_review_queue_item_and_menu_badge_only_for_administrators(client, administrator, coordinator):
    from accreditation.models import ExpertStatus
    from accreditation.services.decisions import propose_step

    expert = _accredited_expert(datetime.date(2030, 1, 1))
    propose_step(expert=expert, to_status=ExpertStatus.SUSPENDED, rationale="Complaint", by=coordinator)
    client.force_login(administrator)
    html = _home(client)
    assert "1 proposal waiting for review" in html
    assert reverse("accreditation:review-queue") in html
    assert 'text-bg-warning">1<span class="visually-hidden"> waiting' in html
    client.force_login(coordinator)
    html = _home(client)
    assert "waiting for review" not in html and 'visually-hidden"> waiting' not in html


def test_no_badge_when_the_review_queue_is_empty(administrator_client):
    html = _home(administrator_client)
    assert 'visually-hidden"> waiting' not in html
    assert "waiting for review" not in html


def test_coordinator_sees_experts_expiring(client, coordinator, administrator):
    today = timezone.localdate()
    _accredited_expert(today + datetime.timedelta(days=30))
    _accredited_expert(today + datetime.timedelta(days=3 * 365))  # far off: not counted
    client.force_login(coordinator)
    html = _home(client)
    assert "1 accredited expert expires within six months or has expired" in html
    assert reverse("accreditation:expiring") in html
    client.force_login(administrator)
    assert "expires within six months" not in _home(client)


def test_coordinator_sees_completed_events_without_certificates(coordinator_client):
    from courses.models import TrainingEvent

    event = TrainingEventFactory(status=TrainingEvent.Status.COMPLETED)
    EnrolmentFactory(event=event)
    TrainingEventFactory(status=TrainingEvent.Status.COMPLETED)  # nobody enrolled: nothing to issue
    assert "1 completed event has no certificates issued" in _home(coordinator_client)

"""Attended, not merely enrolled: a delivered training that recorded attendance counts the
officials who came; one that recorded none counts its enrolment, and the page says which."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from courses.completion import completion_for_event
from courses.models import Attendance, AttendanceStatus, Enrolment, TrainingEvent
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from reporting.figures import AttendanceFigures, Filters, attendance_figures, cached_attendance_figures

PROGRAMME = reverse("reporting:dashboard-programme")


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()


def _training(start, n, **extra):
    event = TrainingEventFactory(start_date=start, with_days=True, **extra)
    return event, [EnrolmentFactory(event=event) for _ in range(n)]


def _record(event, enrolments, status):
    day = event.days.first()
    for enrolment in enrolments:
        Attendance.objects.create(enrolment=enrolment, day=day, status=status)


def test_a_training_with_attendance_counts_attendees_not_enrollees(db):
    event, enrolments = _training(datetime.date(2022, 3, 1), 5)
    _record(event, enrolments[:2], AttendanceStatus.PRESENT)
    _record(event, enrolments[2:3], AttendanceStatus.LATE)
    _record(event, enrolments[3:], AttendanceStatus.ABSENT)
    figures = attendance_figures(Filters())
    assert (figures.attended, figures.events_with_attendance, figures.events_without_attendance) == (3, 1, 0)


def test_a_training_without_attendance_counts_its_enrolment_and_the_page_says_so(coordinator_client):
    _training(datetime.date(2022, 3, 1), 4)
    tables = coordinator_client.get(PROGRAMME).context["tables"]
    table = next(t for t in tables if t.slug == "officials-attended")
    assert dict(table.rows) == {
        "Officials who attended (people)": 4,
        "Officials who completed (met the completion rule)": 0,
        "Delivered trainings counted by attendance": 0,
        "Delivered trainings counted by enrolment (no attendance recorded)": 1,
    }
    assert "enrolled officials count" in table.note


@pytest.mark.parametrize("status", [TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT])
def test_cancelled_and_draft_trainings_count_nobody_as_attended(db, status):
    event, enrolments = _training(datetime.date(2022, 3, 1), 3, status=status)
    _record(event, enrolments, AttendanceStatus.PRESENT)
    assert attendance_figures(Filters()) == AttendanceFigures(0, 0, 0, 0)


def test_a_future_training_counts_nobody_as_attended(db):
    today = datetime.date.today()
    _training(datetime.date(today.year + 1, 2, 1), 30)
    figures = attendance_figures(Filters())
    assert (figures.attended, figures.events_without_attendance) == (0, 0)


@pytest.mark.parametrize("policy", list(TrainingEvent.ExcusedPolicy))
def test_completed_counts_by_the_same_rule_as_the_event_page(db, policy):
    """Five days; threshold 80%: every mix of present, late, excused, absent and no record,
    and a late joiner, is counted as courses.completion decides it."""
    event = TrainingEventFactory(start_date=datetime.date(2022, 3, 1), with_days=True, excused_policy=policy)
    days = list(event.days.order_by("date"))
    P, L, E, A = (
        AttendanceStatus.PRESENT,
        AttendanceStatus.LATE,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.ABSENT,
    )
    patterns = [
        [P] * 5,
        [P, P, P, L, A],
        [P, P, P, A, A],
        [P, P, P, P, E],
        [P, P, P, E, E],
        [E] * 5,
        [P, P, P, P],
    ]
    for pattern in patterns:
        enrolment = EnrolmentFactory(event=event)
        for day, status in zip(days, pattern, strict=False):
            Attendance.objects.create(enrolment=enrolment, day=day, status=status)
    joiner = EnrolmentFactory(event=event, joined_on=days[2].date)
    for day in days[2:]:
        Attendance.objects.create(enrolment=joiner, day=day, status=P)
    withdrawn = EnrolmentFactory(event=event, status=Enrolment.Status.WITHDRAWN)
    for day in days:
        Attendance.objects.create(enrolment=withdrawn, day=day, status=P)
    expected = sum(c.completed for c in completion_for_event(event).values())
    assert expected >= 3
    assert attendance_figures(Filters()).completed == expected


def test_every_figure_on_both_dashboards_says_how_it_is_counted(coordinator_client):
    _training(datetime.date(2022, 3, 1), 2)
    for url in (PROGRAMME, reverse("reporting:dashboard-gender")):
        for table in coordinator_client.get(url).context["tables"]:
            assert table.note.strip(), table.slug


def test_the_attended_figures_export_as_numbers(coordinator_client):
    event, enrolments = _training(datetime.date(2022, 3, 1), 3)
    _record(event, enrolments[:1], AttendanceStatus.PRESENT)
    url = reverse(
        "reporting:dashboard-export",
        kwargs={"dashboard": "programme", "table": "officials-attended", "fmt": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(coordinator_client.get(url).getvalue())).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[0]}
    assert values["Officials who attended (people)"] == 1
    assert values["Delivered trainings counted by attendance"] == 1


def test_the_dashboards_attendance_figures_are_kept_until_enrolments_change(db):
    """Cached for a quarter of an hour (they read every attendance record), but recounted at
    once when an enrolment changes the figures version."""
    cache.clear()
    event = TrainingEventFactory(start_date=datetime.date(2021, 3, 1), with_days=True)
    EnrolmentFactory(event=event)
    first = cached_attendance_figures(Filters())
    assert first.attended == 1
    EnrolmentFactory(event=event)
    assert cached_attendance_figures(Filters()).attended == 2

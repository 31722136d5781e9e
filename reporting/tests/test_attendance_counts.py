"""The per-enrolment attendance counts (reporting.models.EnrolmentAttendance) that the
programme dashboard's attended and completed figures read: kept by trigger through every
write path (one record, bulk, update, delete, cascade), and equal to a recount."""

import datetime

import pytest
from django.db import connection

from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from reporting.figures import Filters, attendance_figures
from reporting.models import EnrolmentAttendance, EventCounts
from reporting.recount import rebuild_figures

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


def _counts() -> dict[int, tuple[int, int, int]]:
    return {
        row.enrolment_id: (row.records, row.attended, row.excused)
        for row in EnrolmentAttendance.objects.all()
        if row.records
    }


def _by_hand() -> dict[int, tuple[int, int, int]]:
    counts: dict[int, list[int]] = {}
    for enrolment_id, status in Attendance.objects.values_list("enrolment_id", "status"):
        row = counts.setdefault(enrolment_id, [0, 0, 0])
        row[0] += 1
        row[1] += status in (P, L)
        row[2] += status == E
    return {k: tuple(v) for k, v in counts.items()}


def _days() -> dict[int, int]:
    return {row.event_id: row.days for row in EventCounts.objects.all() if row.days}


def _days_by_hand() -> dict[int, int]:
    days: dict[int, int] = {}
    for event_id in EventDay.objects.values_list("event_id", flat=True):
        days[event_id] = days.get(event_id, 0) + 1
    return days


@pytest.fixture
def event(db):
    return TrainingEventFactory(start_date=datetime.date(2022, 3, 1), with_days=True)


def test_every_write_path_keeps_the_counts_exact(event):
    days = list(event.days.order_by("date"))
    ana, ben, eva = (EnrolmentFactory(event=event) for _ in range(3))
    Attendance.objects.create(enrolment=ana, day=days[0], status=P)
    Attendance.objects.bulk_create(
        [Attendance(enrolment=ben, day=day, status=s) for day, s in zip(days, [L, E, A], strict=False)]
    )
    assert _counts() == {ana.pk: (1, 1, 0), ben.pk: (3, 1, 1)} == _by_hand()

    Attendance.objects.filter(enrolment=ben, status=A).update(status=P)  # bulk update
    record = Attendance.objects.get(enrolment=ana)
    record.status = E
    record.save()
    Attendance.objects.filter(enrolment=ben, status=L).delete()
    Attendance.objects.create(enrolment=eva, day=days[1], status=A)
    assert _counts() == {ana.pk: (1, 0, 1), ben.pk: (2, 1, 1), eva.pk: (1, 0, 0)} == _by_hand()

    days[1].delete()  # its records go with it
    Enrolment.objects.filter(pk=ana.pk).delete()  # and an enrolment's with it
    assert _counts() == _by_hand()
    assert _days() == {event.pk: len(days) - 1} == _days_by_hand()


def test_the_days_of_each_training_are_kept(db):
    first = TrainingEventFactory(start_date=datetime.date(2022, 3, 1), with_days=True)
    second = TrainingEventFactory(start_date=datetime.date(2022, 5, 1), with_days=True)
    assert _days() == _days_by_hand() and len(_days()) == 2
    moved = first.days.first()
    EventDay.objects.filter(pk=moved.pk).update(event=second, date=datetime.date(2022, 4, 30))
    EventDay.objects.bulk_create([EventDay(event=second, date=datetime.date(2022, 6, 30))])
    assert _days() == _days_by_hand()
    second.delete()
    assert _days() == _days_by_hand()


def test_a_recount_finds_what_the_triggers_kept(event):
    days = list(event.days.order_by("date"))
    for statuses in ([P, P, A], [E, L], [A]):
        enrolment = EnrolmentFactory(event=event)
        for day, status in zip(days, statuses, strict=False):
            Attendance.objects.create(enrolment=enrolment, day=day, status=status)
    kept, days = _counts(), _days()
    rebuild_figures(connection)
    assert _counts() == kept == _by_hand()
    assert _days() == days == _days_by_hand()


def test_attended_follows_a_correction_of_the_register(event):
    """Marked present by mistake, then corrected to absent: no longer attended, although the
    training still counts by attendance."""
    day = event.days.first()
    ana, ben = EnrolmentFactory(event=event), EnrolmentFactory(event=event)
    Attendance.objects.create(enrolment=ben, day=day, status=P)
    record = Attendance.objects.create(enrolment=ana, day=day, status=P)
    assert attendance_figures(Filters()).attended == 2
    record.status = A
    record.save()
    figures = attendance_figures(Filters())
    assert (figures.attended, figures.events_with_attendance) == (1, 1)
    Attendance.objects.all().delete()
    figures = attendance_figures(Filters())
    assert (figures.attended, figures.events_with_attendance, figures.events_without_attendance) == (2, 0, 1)


def test_the_attendance_figures_run_three_queries_whatever_the_size(event, django_assert_num_queries):
    day = event.days.first()
    for _ in range(5):
        Attendance.objects.create(enrolment=EnrolmentFactory(event=event), day=day, status=P)
    with django_assert_num_queries(3):
        attendance_figures(Filters(region="ESA"))

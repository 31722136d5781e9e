import datetime
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from courses.models import (
    Attendance,
    AttendanceReopening,
    AttendanceStatus,
    Enrolment,
    EventDay,
    TrainingEvent,
)
from courses.services.attendance import (
    AttendanceEntry,
    AttendanceLocked,
    event_today,
    lock_attendance,
    reopen_attendance,
    save_attendance,
    save_attendance_grid,
)
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from people.errors import DomainError

P, L, E, A = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED,
              AttendanceStatus.ABSENT)


@pytest.fixture
def event(db):
    return TrainingEventFactory(with_days=True)  # 18–22 Oct 2021, all in the past


@pytest.fixture
def day(event):
    return event.days.order_by("date").first()


def mark(enrolment, day, status, *, was="", remark=None, was_remark=None):
    return AttendanceEntry(
        enrolment_id=enrolment.pk, day_id=day.pk, status=status, remark=remark,
        original_status=was, original_remark=was_remark,
    )


def stored(enrolment, day):
    return Attendance.objects.get(enrolment=enrolment, day=day)


def test_saving_a_sheet_records_one_row_per_participant_with_who_and_history(event, day, coordinator):
    first, second = EnrolmentFactory.create_batch(2, event=event)
    result = save_attendance(day=day, entries=[mark(first, day, P), mark(second, day, L, remark="Traffic")],
                             by=coordinator)
    assert len(result.created) == 2
    row = stored(second, day)
    assert (row.status, row.remark, row.recorded_by) == (L, "Traffic", coordinator)
    history = row.history.get()
    assert (history.history_type, history.history_user) == ("+", coordinator)


def test_submitting_the_same_sheet_twice_changes_nothing_the_second_time(event, day, trainer):
    enrolments = EnrolmentFactory.create_batch(3, event=event)
    entries = [mark(e, day, P) for e in enrolments]
    save_attendance(day=day, entries=entries, by=trainer)
    again = save_attendance(day=day, entries=entries, by=trainer)
    assert again.saved == []
    assert Attendance.objects.filter(day=day).count() == 3
    assert Attendance.history.filter(day=day).count() == 3


def test_a_change_is_written_on_top_of_the_stored_row_and_kept_in_history(event, day, trainer, coordinator):
    enrolment = EnrolmentFactory(event=event)
    save_attendance(day=day, entries=[mark(enrolment, day, A)], by=trainer)
    result = save_attendance(day=day, entries=[mark(enrolment, day, E, was=A)], by=coordinator)
    assert len(result.updated) == 1
    assert stored(enrolment, day).status == E
    assert list(stored(enrolment, day).history.order_by("history_date").values_list(
        "status", "history_user__username")) == [(A, "trainer"), (E, "coordinator")]


def test_cells_the_submitter_did_not_touch_keep_another_trainers_newer_value(
    event, day, trainer, coordinator
):
    left, right = EnrolmentFactory.create_batch(2, event=event)
    # Both loaded an empty sheet; the coordinator saved first.
    save_attendance(day=day, entries=[mark(left, day, A), mark(right, day, "")], by=coordinator)
    save_attendance(day=day, entries=[mark(left, day, ""), mark(right, day, P)], by=trainer)
    assert stored(left, day).status == A
    assert stored(right, day).status == P


def test_a_remark_change_does_not_undo_someone_elses_status_change(event, day, trainer, coordinator):
    enrolment = EnrolmentFactory(event=event)
    save_attendance(day=day, entries=[mark(enrolment, day, P)], by=trainer)
    # Both see "present"; the coordinator corrects the status, the trainer adds a remark.
    save_attendance(
        day=day, entries=[mark(enrolment, day, L, was=P, remark="", was_remark="")], by=coordinator
    )
    result = save_attendance(
        day=day, entries=[mark(enrolment, day, P, was=P, remark="Left at 3 pm", was_remark="")], by=trainer
    )
    row = stored(enrolment, day)
    assert (row.status, row.remark) == (L, "Left at 3 pm")
    assert result.overwritten == [row]


def test_days_to_come_cannot_be_marked(trainer, db):
    today = event_today(TrainingEvent(time_zone="Asia/Shanghai"))
    event = TrainingEventFactory(start_date=today, time_zone="Asia/Shanghai", with_days=True)
    enrolment = EnrolmentFactory(event=event)
    tomorrow = event.days.get(date=today + datetime.timedelta(days=1))
    with pytest.raises(DomainError, match="not come yet"):
        save_attendance(day=tomorrow, entries=[mark(enrolment, tomorrow, P)], by=trainer)
    save_attendance(day=event.days.get(date=today), entries=[mark(enrolment, event.days.get(date=today), P)],
                    by=trainer)
    assert Attendance.objects.filter(enrolment=enrolment).count() == 1


def test_days_before_a_late_joiner_joined_cannot_be_marked(event, day, trainer):
    enrolment = EnrolmentFactory(event=event, joined_on=day.date + datetime.timedelta(days=2))
    with pytest.raises(DomainError, match="Joined on"):
        save_attendance(day=day, entries=[mark(enrolment, day, A)], by=trainer)


def test_days_after_a_withdrawal_cannot_be_marked(event, trainer):
    days = list(event.days.order_by("date"))
    enrolment = EnrolmentFactory(
        event=event, status=Enrolment.Status.WITHDRAWN,
        withdrawn_at=timezone.make_aware(datetime.datetime.combine(days[1].date, datetime.time(12))),
    )
    save_attendance(day=days[1], entries=[mark(enrolment, days[1], P)], by=trainer)
    with pytest.raises(DomainError, match="Withdrew on"):
        save_attendance(day=days[2], entries=[mark(enrolment, days[2], A)], by=trainer)


def test_a_bad_cell_writes_nothing_of_the_sheet(event, day, trainer):
    good, bad = EnrolmentFactory.create_batch(2, event=event)
    with pytest.raises(DomainError):
        save_attendance(day=day, entries=[mark(good, day, P), mark(bad, day, "asleep")], by=trainer)
    assert not Attendance.objects.exists()


def test_a_participant_of_another_event_is_refused(event, day, trainer):
    stranger = EnrolmentFactory()
    with pytest.raises(DomainError, match="another event"):
        save_attendance(day=day, entries=[mark(stranger, day, P)], by=trainer)


def test_a_remark_without_a_status_is_refused(event, day, trainer):
    enrolment = EnrolmentFactory(event=event)
    with pytest.raises(DomainError, match="Choose a status"):
        save_attendance(day=day, entries=[mark(enrolment, day, "", remark="Who?", was_remark="")], by=trainer)


def test_locked_events_refuse_changes(event, day, trainer, coordinator):
    enrolment = EnrolmentFactory(event=event)
    lock_attendance(event=event, by=coordinator)
    with pytest.raises(AttendanceLocked):
        save_attendance(day=day, entries=[mark(enrolment, day, P)], by=trainer)
    assert not Attendance.objects.exists()


def test_completing_an_event_locks_its_attendance(event):
    event.status = TrainingEvent.Status.COMPLETED
    event.save(update_fields=["status"])
    event.refresh_from_db()
    assert event.attendance_locked


def test_a_coordinator_reopens_with_a_reason_that_is_recorded(event, day, trainer, coordinator):
    event.status = TrainingEvent.Status.COMPLETED
    event.save()
    reopening = reopen_attendance(event=event, reason="Day 1 sheet was mistyped", by=coordinator)
    assert AttendanceReopening.objects.get() == reopening
    assert (reopening.reason, reopening.reopened_by) == ("Day 1 sheet was mistyped", coordinator)
    event.refresh_from_db()
    assert not event.attendance_locked
    # Saving the still-completed event again does not lock it behind the coordinator's back.
    event.save()
    event.refresh_from_db()
    assert not event.attendance_locked
    save_attendance(day=day, entries=[mark(EnrolmentFactory(event=event), day, P)], by=trainer)


def test_reopening_needs_a_reason(event, coordinator):
    lock_attendance(event=event, by=coordinator)
    with pytest.raises(DomainError, match="why"):
        reopen_attendance(event=event, reason="  ", by=coordinator)


def grid_entries(enrolments, days, status=P):
    return [mark(e, d, status) for e in enrolments for d in days]


@pytest.mark.parametrize("participants", [10, 60])
def test_saving_a_grid_runs_the_same_queries_whatever_the_number_of_participants(
    event, trainer, participants, django_assert_num_queries
):
    days = list(event.days.all())
    enrolments = EnrolmentFactory.create_batch(participants, event=event)
    # Lock, enrolments, days, existing rows, insert, history insert, and the savepoints.
    with django_assert_num_queries(8):
        save_attendance_grid(event=event, entries=grid_entries(enrolments, days), by=trainer)
    # Changing every cell: the same reads, one bulk update and its history.
    with django_assert_num_queries(8):
        save_attendance_grid(
            event=event, entries=[mark(e, d, A, was=P) for e in enrolments for d in days], by=trainer
        )
    assert Attendance.objects.count() == participants * len(days)
    assert Attendance.history.count() == 2 * participants * len(days)


def _run_concurrently(*jobs):
    """Run each job in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def worker(job):
        try:
            barrier.wait(timeout=10)
            for _attempt in range(200):
                try:
                    return job()
                except OperationalError as error:
                    # The test database is shared-cache in-memory SQLite, whose table locks
                    # fail at once instead of waiting like the file database's busy timeout.
                    if connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            raise AssertionError("never got the write lock")
        except BaseException as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_two_trainers_saving_at_once_leave_one_row_per_pair_and_both_changes(trainer, coordinator):
    event = TrainingEventFactory(with_days=True)
    day = event.days.order_by("date").first()
    enrolments = EnrolmentFactory.create_batch(8, event=event)
    shared = enrolments[0]
    by_trainer = [mark(e, day, P) for e in enrolments[:4]] + [mark(e, day, "") for e in enrolments[4:]]
    by_coordinator = [mark(shared, day, L)] + [mark(e, day, "") for e in enrolments[1:4]] + [
        mark(e, day, A) for e in enrolments[4:]
    ]
    _run_concurrently(
        lambda: save_attendance(day=day, entries=by_trainer, by=trainer),
        lambda: save_attendance(day=day, entries=by_coordinator, by=coordinator),
    )
    rows = {row.enrolment_id: row.status for row in Attendance.objects.filter(day=day)}
    assert Attendance.objects.filter(day=day).count() == len(enrolments)
    assert [rows[e.pk] for e in enrolments[1:4]] == [P, P, P]
    assert [rows[e.pk] for e in enrolments[4:]] == [A, A, A, A]
    assert rows[shared.pk] in {P, L}  # both changed it; the later save wins


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_racing_itself_leaves_one_row_per_pair(trainer):
    event = TrainingEventFactory(with_days=True)
    days = list(EventDay.objects.filter(event=event))
    enrolments = EnrolmentFactory.create_batch(5, event=event)
    entries = grid_entries(enrolments, days)
    _run_concurrently(
        lambda: save_attendance_grid(event=event, entries=entries, by=trainer),
        lambda: save_attendance_grid(event=event, entries=entries, by=trainer),
    )
    assert Attendance.objects.count() == len(enrolments) * len(days)
    assert Attendance.history.count() == len(enrolments) * len(days)


def test_demo_attendance_fills_past_days_once_even_for_completed_events(db, trainer):
    from io import StringIO

    from courses import demo_attendance

    event = TrainingEventFactory(with_days=True, status=TrainingEvent.Status.COMPLETED)
    EnrolmentFactory.create_batch(3, event=event)
    demo_attendance.seed(StringIO())
    demo_attendance.seed(StringIO())
    assert Attendance.objects.count() == 15
    event.refresh_from_db()
    assert event.attendance_locked

"""Recording attendance: one domain function behind the day sheet, the grid and any import.

Two trainers may save the same sheet at the same moment, and a phone on a slow connection
may send the same sheet twice. Each submitted cell therefore carries the value the form
showed (`original_*`); only the fields the submitter actually changed are written, onto the
row as it is in the database at that moment (last writer wins per field). A cell already
holding the submitted value is left alone, so a resubmission writes nothing and leaves no
history row.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from courses.models import (
    Attendance,
    AttendanceReopening,
    AttendanceStatus,
    Enrolment,
    EventDay,
    TrainingEvent,
)
from people.errors import DomainError


class AttendanceLocked(DomainError):
    """The event's attendance is locked (the event is completed)."""


@dataclass(frozen=True)
class AttendanceEntry:
    """One submitted cell. `remark=None` leaves the remark as it is (the grid has none)."""

    enrolment_id: int
    day_id: int
    status: str
    remark: str | None = None
    original_status: str = ""
    original_remark: str | None = None

    @property
    def changes(self) -> dict[str, str]:
        """The fields the submitter changed compared with what their form showed."""
        changed = {}
        if self.status and self.status != self.original_status:
            changed["status"] = self.status
        if self.remark is not None and self.remark != (self.original_remark or ""):
            changed["remark"] = self.remark
        return changed


Wanted = list[tuple[AttendanceEntry, dict[str, str]]]  # each submitted cell with its changes


@dataclass
class SaveResult:
    created: list[Attendance] = field(default_factory=list)
    updated: list[Attendance] = field(default_factory=list)
    # Cells someone else had changed since the form was loaded; the submitted value won.
    overwritten: list[Attendance] = field(default_factory=list)
    unchanged: int = 0

    @property
    def saved(self) -> list[Attendance]:
        return self.created + self.updated


def event_today(event: TrainingEvent) -> datetime.date:
    """Today's date where the event takes place: a day in Beijing starts before one in Brussels."""
    try:
        zone = zoneinfo.ZoneInfo(event.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = datetime.UTC
    return timezone.now().astimezone(zone).date()


def cell_refusal(enrolment: Enrolment, day: EventDay, today: datetime.date) -> str:
    """Why this cell cannot be marked, or "" when it can."""
    if day.date > today:
        return _("This day has not come yet.")
    if enrolment.joined_on and day.date < enrolment.joined_on:
        return _("Joined on %(date)s.") % {"date": enrolment.joined_on.isoformat()}
    withdrawn = enrolment.status == Enrolment.Status.WITHDRAWN and enrolment.withdrawn_at
    if withdrawn and day.date > enrolment.withdrawn_at.date():
        return _("Withdrew on %(date)s.") % {"date": enrolment.withdrawn_at.date().isoformat()}
    return ""


def _locked_event(event_id: int) -> TrainingEvent:
    # The row lock serialises concurrent saves of one event on PostgreSQL; SQLite's
    # IMMEDIATE transactions already take the write lock at BEGIN.
    return TrainingEvent.objects.select_for_update().get(pk=event_id)


@transaction.atomic
def save_attendance_grid(*, event: TrainingEvent, entries: list[AttendanceEntry], by) -> SaveResult:
    """Write the changed cells of a sheet or grid of `event`, all or nothing, in a fixed
    number of queries. Raises AttendanceLocked when the event is locked and DomainError for
    a cell that cannot be marked (a day to come, before joining, after withdrawing)."""
    event = _locked_event(event.pk)
    if event.attendance_locked:
        raise AttendanceLocked(
            _("Attendance of this event is locked. A coordinator can reopen it."), code="locked"
        )
    wanted = [(entry, entry.changes) for entry in entries]
    wanted = [(entry, changes) for entry, changes in wanted if changes]
    result = SaveResult(unchanged=len(entries) - len(wanted))
    if not wanted:
        return result
    enrolments, days = _participants_and_days(wanted)
    today = event_today(event)
    for entry, changes in wanted:
        check_cell(event, changes, enrolments.get(entry.enrolment_id), days.get(entry.day_id), today)
    stored = _stored_rows(enrolments, days)
    now = timezone.now()
    to_create, to_update = _plan_writes(wanted, stored, enrolments, result, by=by, now=now)
    _write(result, to_create, to_update, by=by, now=now)
    return result


def _participants_and_days(wanted: Wanted) -> tuple[dict[int, Enrolment], dict[int, EventDay]]:
    enrolments = Enrolment.objects.select_related("person").in_bulk(
        {entry.enrolment_id for entry, _c in wanted}
    )
    days = EventDay.objects.in_bulk({entry.day_id for entry, _c in wanted})
    return enrolments, days


def check_cell(
    event: TrainingEvent, changes: dict[str, str], enrolment: Enrolment | None, day: EventDay | None,
    today: datetime.date,
) -> None:
    """Raises DomainError unless the cell belongs to `event` and can be marked with `changes`."""
    if enrolment is None or day is None or enrolment.event_id != event.pk or day.event_id != event.pk:
        raise DomainError(_("The sheet refers to a participant or day of another event. Reload it."))
    if "status" in changes and changes["status"] not in AttendanceStatus.values:
        raise DomainError(_("Unknown attendance status: %(s)s.") % {"s": changes["status"]})
    refusal = cell_refusal(enrolment, day, today)
    if refusal:
        raise DomainError(
            _("%(name)s on %(date)s cannot be marked: %(why)s")
            % {"name": enrolment.person.full_name, "date": day.date.isoformat(), "why": refusal}
        )


def _stored_rows(enrolments: dict[int, Enrolment], days: dict[int, EventDay]) -> dict[tuple, Attendance]:
    return {
        (row.enrolment_id, row.day_id): row
        for row in Attendance.objects.filter(enrolment_id__in=enrolments.keys(), day_id__in=days.keys())
    }


def _plan_writes(
    wanted: Wanted, stored: dict[tuple, Attendance], enrolments: dict[int, Enrolment], result: SaveResult,
    *, by, now,
) -> tuple[list[Attendance], list[Attendance]]:
    """The rows to create and the stored rows to update; counts the cells that already hold
    their value and notes those someone else changed meanwhile in `result`."""
    to_create, to_update = [], []
    for entry, changes in wanted:
        row = stored.get((entry.enrolment_id, entry.day_id))
        if row is None:
            to_create.append(_new_row(entry, changes, enrolments[entry.enrolment_id], by=by, now=now))
        elif already_holds(row, changes):
            result.unchanged += 1
        else:
            if changed_since_shown(row, entry):
                result.overwritten.append(row)
            _apply(row, changes, by=by, now=now)
            to_update.append(row)
    return to_create, to_update


def _new_row(entry: AttendanceEntry, changes: dict[str, str], enrolment: Enrolment, *, by, now) -> Attendance:
    if "status" not in changes:
        name = enrolment.person.full_name
        raise DomainError(_("Choose a status for %(name)s before adding a remark.") % {"name": name})
    return Attendance(
        enrolment_id=entry.enrolment_id, day_id=entry.day_id, status=changes["status"],
        remark=changes.get("remark", ""), recorded_by=by, recorded_at=now,
    )


def already_holds(row: Attendance, changes: dict[str, str]) -> bool:
    """Whether the stored row already holds the submitted values (a resubmission)."""
    return all(getattr(row, name) == value for name, value in changes.items())


def changed_since_shown(row: Attendance, entry: AttendanceEntry) -> bool:
    """Whether someone changed the stored row after the submitter's form was loaded."""
    return row.status != entry.original_status or (
        entry.original_remark is not None and row.remark != entry.original_remark
    )


def _apply(row: Attendance, changes: dict[str, str], *, by, now) -> None:
    for name, value in changes.items():
        setattr(row, name, value)
    row.recorded_by, row.recorded_at = by, now


def _write(result: SaveResult, to_create: list[Attendance], to_update: list[Attendance], *, by, now) -> None:
    if to_create:
        result.created = bulk_create_with_history(to_create, Attendance, default_user=by, default_date=now)
    if to_update:
        bulk_update_with_history(
            to_update, Attendance, ["status", "remark", "recorded_by", "recorded_at"],
            default_user=by, default_date=now,
        )
        result.updated = to_update


def save_attendance(*, day: EventDay, entries: list[AttendanceEntry], by) -> SaveResult:
    """Write the changed cells of one day's sheet (see `save_attendance_grid`)."""
    if any(entry.day_id != day.pk for entry in entries):
        raise DomainError(_("The sheet mixes several days. Reload it."))
    return save_attendance_grid(event=day.event, entries=entries, by=by)


@transaction.atomic
def lock_attendance(*, event: TrainingEvent, by) -> TrainingEvent:
    """Lock the event's attendance so that completion and certificates rest on fixed records."""
    event = _locked_event(event.pk)
    if not event.attendance_locked:
        event.attendance_locked = True
        event._history_user = by
        event.save(update_fields=["attendance_locked", "updated_at"])
    return event


@transaction.atomic
def reopen_attendance(*, event: TrainingEvent, reason: str, by) -> AttendanceReopening:
    """Unlock the event's attendance for corrections; the reason and who did it are kept."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the attendance is reopened."), field="reason")
    event = _locked_event(event.pk)
    if not event.attendance_locked:
        raise DomainError(_("The attendance of this event is not locked."), code="not_locked")
    event.attendance_locked = False
    event._history_user = by
    event.save(update_fields=["attendance_locked", "updated_at"])
    return AttendanceReopening.objects.create(event=event, reason=reason, reopened_by=by)


def lock_when_completed(sender, instance: TrainingEvent, **kwargs) -> None:
    """pre_save hook: an event that becomes completed gets its attendance locked.

    Reopening leaves the event completed, so only the change *to* completed locks.
    """
    if instance.status != TrainingEvent.Status.COMPLETED or instance.attendance_locked:
        return
    previous = (
        TrainingEvent.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk else None
    )
    if previous != TrainingEvent.Status.COMPLETED:
        instance.attendance_locked = True
        # save(update_fields=["status"]) would not write the flag; post_save does.
        instance._lock_attendance_after_save = True


def write_lock_after_save(sender, instance: TrainingEvent, **kwargs) -> None:
    if getattr(instance, "_lock_attendance_after_save", False):
        del instance._lock_attendance_after_save
        TrainingEvent.objects.filter(pk=instance.pk).update(attendance_locked=True)

"""Scheduling an event: the event itself, its status, its dates (postponements), its agenda
and the sections of its Information Note."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import AgendaItem, EventDateChange, EventDay, Module, TrainingEvent
from courses.services.attendance import reopen_attendance
from courses.services.event_rules import (
    date_change_refusal,
    planning_refusal,
    refuse,
    reopening_refusal,
    status_change_refusal,
)
from people.errors import DomainError, protecting_records
from people.models import Organisation, Person
from people.services.fields import save_fields


def _locked(event: TrainingEvent) -> TrainingEvent:
    return TrainingEvent.objects.select_for_update().get(pk=event.pk)


DATE_FIELDS = {"start_date", "end_date"}


def check_plannable(event_id: int) -> None:
    """Refuse changes to the agenda of a completed event (see event_rules.planning_refusal)."""
    refuse(planning_refusal(TrainingEvent.objects.only("status").get(pk=event_id)))


@transaction.atomic
def create_event(*, values: Mapping[str, Any], by=None) -> TrainingEvent:
    """Add an event as a draft with the given field values (a TrainingEventForm's cleaned
    data); `by` is kept as the user who created it."""
    return save_fields(TrainingEvent(created_by=by), values, by=by)


@transaction.atomic
def update_event(*, event: TrainingEvent, values: Mapping[str, Any], by=None) -> TrainingEvent:
    """Change an event's details with the given field values (a TrainingEventForm's cleaned
    data). Its dates change only through `change_dates`, which keeps their history."""
    if DATE_FIELDS & values.keys():
        raise ValueError("An event's dates change through change_dates(), which keeps their history.")
    current = _locked(event)
    refuse(planning_refusal(current))
    return save_fields(current, values, by=by)


@transaction.atomic
def update_note_sections(
    *, event: TrainingEvent, background: str, highlights: str, additional_comments: str, by=None
) -> TrainingEvent:
    """Write the coordinator's sections of the event's Information Note."""
    values = {"background": background, "highlights": highlights, "additional_comments": additional_comments}
    return save_fields(_locked(event), values, by=by)


@transaction.atomic
def change_status(*, event: TrainingEvent, status: str, today: datetime.date | None = None) -> TrainingEvent:
    """Move the event along its lifecycle; refuses transitions the lifecycle does not allow.

    Postponing needs new dates and a reason, so it goes through `change_dates` instead.
    """
    current = _locked(event)
    if status == current.status:
        return current  # a double submit changes nothing
    refuse(status_change_refusal(current, status, today), field="status", code="transition")
    current.status = status
    current.save(update_fields=["status", "updated_at"])
    return current


REASON_MAX = 100  # the history's change-reason column


@transaction.atomic
def reopen_event(*, event: TrainingEvent, reason: str, by=None) -> TrainingEvent:
    """Take a completed event back to confirmed so that it can be corrected, and open its
    attendance again; the reason is kept in the event's history and with the attendance."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the event is reopened."), field="reason")
    current = _locked(event)
    refuse(reopening_refusal(current))
    if current.attendance_locked:
        reopen_attendance(event=current, reason=reason, by=by)
        current = _locked(event)
    current.status = TrainingEvent.Status.CONFIRMED
    # The status change is the history record that carries the reason.
    current._change_reason = reason[:REASON_MAX]
    if by is not None:
        current._history_user = by
    current.save(update_fields=["status", "updated_at"])
    return current


@transaction.atomic
def change_dates(
    *,
    event: TrainingEvent,
    start_date: datetime.date,
    end_date: datetime.date,
    reason: str,
    postpone: bool,
    by=None,
) -> EventDateChange:
    """Give the event new dates, keeping the old ones, the reason and who changed them.

    With `postpone` the event's status becomes "postponed". Event days move with the event
    when it keeps its length; days outside the new dates are removed unless attendance was
    recorded on them, in which case the change is refused.
    """
    current = _locked(event)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the dates change."), field="reason")
    if end_date < start_date:
        raise DomainError(_("The end date cannot be before the start date."), field="end_date")
    if (start_date, end_date) == (current.start_date, current.end_date):
        raise DomainError(_("These are the event's current dates."), field="start_date")
    refuse(date_change_refusal(current, postpone=postpone))
    change = EventDateChange.objects.create(
        event=current,
        old_start_date=current.start_date,
        old_end_date=current.end_date,
        new_start_date=start_date,
        new_end_date=end_date,
        reason=reason,
        changed_by=by,
    )
    _move_days(current, start_date, end_date)
    current.start_date, current.end_date = start_date, end_date
    if postpone:
        current.status = TrainingEvent.Status.POSTPONED
    current.save()
    return change


def _move_days(event: TrainingEvent, start: datetime.date, end: datetime.date) -> None:
    days = list(event.days.order_by("date"))
    if not days:
        return
    if (end - start) == (event.end_date - event.start_date):
        shift = start - event.start_date
        # Move the last day first when moving later (and the first day first when moving
        # earlier) so that no two days ever share a date mid-way.
        for day in sorted(days, key=lambda d: d.date, reverse=shift.days > 0):
            day.date = day.date + shift
            day.save(update_fields=["date"])
        return
    outside = [d for d in days if not start <= d.date <= end]
    if any(d.attendance.exists() for d in outside):
        raise DomainError(
            _(
                "Attendance was recorded on days outside the new dates; keep the event's length "
                "or correct the attendance first."
            ),
            field="start_date",
        )
    EventDay.objects.filter(pk__in=[d.pk for d in outside]).delete()


@transaction.atomic
def create_days_from_dates(*, event: TrainingEvent) -> list[EventDay]:
    """One event day per calendar date of the event; existing days are kept as they are."""
    check_plannable(event.pk)
    existing = set(event.days.values_list("date", flat=True))
    new_days = [
        EventDay(event=event, date=event.start_date + datetime.timedelta(days=offset))
        for offset in range(event.duration_days)
    ]
    new_days = [d for d in new_days if d.date not in existing]
    EventDay.objects.bulk_create(new_days, ignore_conflicts=True)
    return new_days


def _next_position(day: EventDay) -> int:
    return (day.items.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_modules_to_day(*, day: EventDay, modules: list[Module]) -> list[AgendaItem]:
    """Append curriculum modules to a day's agenda, in the order given. A module already on
    that day is not added again (so a double submit changes nothing)."""
    check_plannable(day.event_id)
    position = _next_position(day)
    present = set(day.items.filter(module__isnull=False).values_list("module_id", flat=True))
    modules = [m for m in modules if m.pk not in present]
    items = []
    for offset, module in enumerate(modules):
        items.append(AgendaItem.objects.create(day=day, module=module, position=position + offset))
    return items


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, direction: str) -> None:
    """Swap an agenda item with its neighbour above ("up") or below ("down") on the same day."""
    check_plannable(item.day.event_id)
    siblings = list(
        AgendaItem.objects.select_for_update().filter(day=item.day).order_by("position", "start_time", "pk")
    )
    # Renumber first: items added by hand may share a position.
    for index, sibling in enumerate(siblings, start=1):
        sibling.position = index
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index].position, siblings[other].position = (
            siblings[other].position,
            siblings[index].position,
        )
    AgendaItem.objects.bulk_update(siblings, ["position"])


@transaction.atomic
def copy_agenda(*, source: TrainingEvent, target: TrainingEvent) -> int:
    """Copy the agenda of an earlier event day by day (first day onto first day, and so on).

    Creates the target's days from its dates when it has none. Refuses when the target already
    has agenda items, so that copying twice does not duplicate them. Returns the items copied.
    """
    check_plannable(target.pk)
    if source.pk == target.pk:
        raise DomainError(_("Choose another event to copy from."), field="source")
    if AgendaItem.objects.filter(day__event=target).exists():
        raise DomainError(
            _("This event already has an agenda; remove its items before copying another."),
            field="source",
        )
    if not target.days.exists():
        create_days_from_dates(event=target)
    target_days = list(target.days.order_by("date"))
    source_days = list(
        source.days.order_by("date").prefetch_related("items__speakers", "items__speaker_organisations")
    )
    if not source_days:
        raise DomainError(_("%(event)s has no agenda to copy.") % {"event": source.title}, field="source")
    copied = 0
    for source_day, target_day in zip(source_days, target_days, strict=False):
        if source_day.title and not target_day.title:
            target_day.title = source_day.title
            target_day.save(update_fields=["title"])
        for item in source_day.items.all():
            copy = AgendaItem.objects.create(
                day=target_day,
                position=item.position,
                start_time=item.start_time,
                end_time=item.end_time,
                module_id=item.module_id,
                title=item.title,
            )
            copy.speakers.set(item.speakers.all())
            copy.speaker_organisations.set(item.speaker_organisations.all())
            copied += 1
    return copied


def _check_agenda_item(module: Module | None, title: str, start_time, end_time) -> None:
    if module is None and not (title or "").strip():
        raise DomainError(_("Choose a curriculum module or give a title."))
    if start_time and end_time and end_time <= start_time:
        raise DomainError(_("The item must end after it starts."), field="end_time")


@transaction.atomic
def add_agenda_item(
    *,
    day: EventDay,
    module: Module | None = None,
    title: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    speakers: Iterable[Person] = (),
    speaker_organisations: Iterable[Organisation] = (),
    by=None,
) -> AgendaItem:
    """Append an item (a curriculum module or a titled session) to the end of a day's agenda.

    Refuses an item with neither a module nor a title, or one that ends before it starts.
    """
    check_plannable(day.event_id)
    _check_agenda_item(module, title, start_time, end_time)
    values = {
        "module": module, "title": title, "start_time": start_time, "end_time": end_time,
        "speakers": speakers, "speaker_organisations": speaker_organisations,
    }
    return save_fields(AgendaItem(day=day, position=_next_position(day)), values, by=by)


@transaction.atomic
def update_agenda_item(
    *,
    item: AgendaItem,
    day: EventDay,
    module: Module | None = None,
    title: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    speakers: Iterable[Person] = (),
    speaker_organisations: Iterable[Organisation] = (),
    by=None,
) -> AgendaItem:
    """Change an agenda item; it keeps its place in the order. Refuses what `add_agenda_item`
    refuses, and a day of another event."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("day").get(pk=item.pk)
    if day.event_id != item.day.event_id:
        raise DomainError(_("Choose a day of this event."), field="day")
    check_plannable(day.event_id)
    _check_agenda_item(module, title, start_time, end_time)
    values = {
        "day": day, "module": module, "title": title, "start_time": start_time, "end_time": end_time,
        "speakers": speakers, "speaker_organisations": speaker_organisations,
    }
    return save_fields(item, values, by=by)


@transaction.atomic
def remove_agenda_item(*, item: AgendaItem, by=None) -> None:
    """Take an item off the agenda. Refuses, naming them, when other records rely on it;
    removing an item that is already gone changes nothing."""
    item = AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
    if item is None:
        return
    check_plannable(item.day.event_id)
    if by is not None:
        item._history_user = by
    try:
        item.delete()
    except ProtectedError as exc:
        raise DomainError(
            _("This agenda item cannot be removed: it is referred to by %(records)s.")
            % {"records": protecting_records(exc)},
            code="protected",
        ) from exc


def mark_events_that_took_place(today: datetime.date | None = None) -> int:
    """Flag the trainings whose last day has passed (and unflag one postponed into the future);
    the dashboard triggers then count them as delivered. Cheap when nothing changed (two
    indexed updates touching no row), so readers of the figures call it before they read."""
    today = today or timezone.localdate()
    past = TrainingEvent.objects.filter(took_place=False, end_date__lt=today).update(took_place=True)
    ahead = TrainingEvent.objects.filter(took_place=True, end_date__gte=today).update(took_place=False)
    return past + ahead

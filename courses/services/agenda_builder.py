"""The standard agenda of a national training, laid out from the curriculum in one action.

A national training runs the curriculum's modules in their order over the event's days. We
split the ordered modules into one run per day so that the longest day is as short as it can
be (days stay even; no module is cut in two), then time each day from the morning start with
a one-hour lunch between the two modules whose boundary falls nearest to midday. The result
is a starting point: coordinators then move, retime or replace items on the agenda page.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from courses.models import AgendaItem, EventDay, Module, TrainingEvent
from courses.services.event_rules import planning_refusal, refuse
from courses.services.events import check_plannable, create_days_from_dates
from people.errors import DomainError

DAY_STARTS = datetime.time(9, 0)
LUNCH_AROUND = datetime.time(12, 30)
LUNCH = datetime.timedelta(hours=1)
# A module of a whole day or more is a course of its own (radiation detection, trainer
# skills), and the senior managers' briefing is for another audience: neither belongs to the
# standard national training, though a coordinator may tick them.
WHOLE_DAY_HOURS = Decimal("6")


def standard_modules():
    """The modules a standard national training covers, in curriculum order."""
    return (
        Module.objects.active()
        .exclude(topic_area=Module.TopicArea.MANAGEMENT)
        .filter(hours__lt=WHOLE_DAY_HOURS)
        .order_by("code")
    )


def split_into_days(hours: list[Decimal], days: int) -> list[int]:
    """How many of the ordered modules go on each day, the longest day as short as possible.

    The classic linear partition: best[k][i] is the shortest possible longest day when the
    first i modules fill k days. n modules and d days: O(n² d), nothing for a curriculum.
    """
    days = max(1, min(days, len(hours)))
    prefix = [Decimal(0)]
    for h in hours:
        prefix.append(prefix[-1] + h)
    n = len(hours)
    infinite = Decimal("Infinity")
    best = [[infinite] * (n + 1) for _ in range(days + 1)]
    cut = [[0] * (n + 1) for _ in range(days + 1)]
    best[0][0] = Decimal(0)
    for k in range(1, days + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                longest = max(best[k - 1][j], prefix[i] - prefix[j])
                if longest < best[k][i]:
                    best[k][i], cut[k][i] = longest, j
    counts, i = [], n
    for k in range(days, 0, -1):
        counts.append(i - cut[k][i])
        i = cut[k][i]
    return list(reversed(counts))


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time)


def time_one_day(date: datetime.date, hours: list[Decimal]) -> list[tuple[datetime.time, datetime.time]]:
    """Start and end of each module of a day, with lunch where a boundary is nearest midday."""
    ends, clock = [], _at(date, DAY_STARTS)
    for h in hours:
        clock += datetime.timedelta(minutes=int(h * 60))
        ends.append(clock)
    lunch_after = None
    if len(hours) > 1:
        midday = _at(date, LUNCH_AROUND)
        lunch_after = min(range(len(hours) - 1), key=lambda i: abs(ends[i] - midday))
    slots, start = [], _at(date, DAY_STARTS)
    for index, h in enumerate(hours):
        end = start + datetime.timedelta(minutes=int(h * 60))
        slots.append((start.time(), end.time()))
        start = end + (LUNCH if index == lunch_after else datetime.timedelta())
    return slots


@transaction.atomic
def build_standard_agenda(*, event: TrainingEvent, modules: list[Module], by=None) -> int:
    """Lay `modules` (in curriculum order) over the event's days with times; returns the number
    of items created. Refuses when the event already has an agenda (a double submit then
    changes nothing) or when no module is chosen."""
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    refuse(planning_refusal(event))
    if AgendaItem.objects.filter(day__event=event).exists():
        raise DomainError(
            _("This event already has an agenda; remove its items before building a new one."),
            field="modules",
        )
    modules = sorted(modules, key=lambda m: m.code)
    if not modules:
        raise DomainError(_("Choose at least one module."), field="modules")
    if not event.days.exists():
        create_days_from_dates(event=event)
    days = list(event.days.order_by("date"))
    counts = split_into_days([m.hours for m in modules], len(days))
    items, first = [], 0
    for day, count in zip(days, counts, strict=False):
        chosen = modules[first : first + count]
        first += count
        for position, (module, (start, end)) in enumerate(
            zip(chosen, time_one_day(day.date, [m.hours for m in chosen]), strict=True), start=1
        ):
            items.append(
                AgendaItem(day=day, module=module, position=position, start_time=start, end_time=end)
            )
    for item in items:
        if by is not None:
            item._history_user = by
        item.save()
    return len(items)


@transaction.atomic
def set_times_and_day(
    *,
    item: AgendaItem,
    day: EventDay,
    start_time: datetime.time | None,
    end_time: datetime.time | None,
    by=None,
) -> AgendaItem:
    """Retime a session and, when `day` is another day of the event, move it to that day's end."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("day").get(pk=item.pk)
    if day.event_id != item.day.event_id:
        raise DomainError(_("Choose a day of this event."), field="day")
    check_plannable(day.event_id)
    if start_time and end_time and end_time <= start_time:
        raise DomainError(_("The item must end after it starts."), field="end_time")
    fields = ["start_time", "end_time"]
    item.start_time, item.end_time = start_time, end_time
    if day.pk != item.day_id:
        item.day = day
        item.position = (day.items.aggregate(top=Max("position"))["top"] or 0) + 1
        fields += ["day", "position"]
    if by is not None:
        item._history_user = by
    item.save(update_fields=fields)
    return item

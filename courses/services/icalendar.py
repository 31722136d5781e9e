"""iCalendar (RFC 5545) text for events, written by hand: it is a small, stable format.

An event is one all-day entry over its dates; each agenda session with a time is an entry of
its own, at its time in the event's time zone (TZID, with the zone's rules in a VTIMEZONE), so
a calendar shows 09:00 in Beijing as 03:00 in Brussels and the session never drifts.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

from courses.models import TrainingEvent
from people.links import absolute_url, public_host

STATUS = {
    TrainingEvent.Status.CANCELLED: "CANCELLED",
    TrainingEvent.Status.CONFIRMED: "CONFIRMED",
    TrainingEvent.Status.COMPLETED: "CONFIRMED",
}


def escape_text(value: str) -> str:
    """TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    return (
        (value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space (§3.1),
    without cutting a UTF-8 character in half."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _date(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def _vevent(event: TrainingEvent, stamp: str, *, links: bool = True) -> list[str]:
    where = ", ".join(p for p in (event.venue, event.platform) if p)
    url = absolute_url(event.get_absolute_url()) if links else ""
    description = "\n".join(p for p in (
        event.get_kind_display(), event.get_format_display(), f"Time zone: {event.time_zone}", url,
    ) if p)
    lines = [
        "BEGIN:VEVENT",
        f"UID:stce-event-{event.pk}@{public_host()}",
        f"DTSTAMP:{stamp}",
        # All-day dates: the end is exclusive, hence the day after the last day.
        f"DTSTART;VALUE=DATE:{_date(event.start_date)}",
        f"DTEND;VALUE=DATE:{_date(event.end_date + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        *([f"URL:{url}"] if url else []),
        # Calendars replace an earlier copy of the event only when the sequence grows.
        f"SEQUENCE:{getattr(event, 'date_change_count', None) or event.date_changes.count()}",
        f"STATUS:{STATUS.get(event.status, 'TENTATIVE')}",
    ]
    if where:
        lines.append(f"LOCATION:{escape_text(where)}")
    lines.append("END:VEVENT")
    return lines


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def timed_sessions(event: TrainingEvent) -> list[tuple[datetime.datetime, datetime.datetime, object]]:
    """(start, end, agenda item) of every session with a start time, in the event's time zone
    (naive when the zone is unknown). Reads the prefetched days and items when there are any."""
    zone = _zone(event.time_zone)
    sessions = []
    for day in event.days.all():
        for item in day.items.all():
            if item.start_time is None:
                continue
            start = datetime.datetime.combine(day.date, item.start_time, tzinfo=zone)
            end = datetime.datetime.combine(day.date, item.end_time, tzinfo=zone) if item.end_time else None
            if end is None or end <= start:
                end = start + datetime.timedelta(hours=1)
            sessions.append((start, end, item))
    return sessions


def _local(value: datetime.datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _session_vevent(event: TrainingEvent, start, end, item, stamp: str, *, links: bool) -> list[str]:
    when = f";TZID={event.time_zone}" if start.tzinfo is not None else ""
    url = [f"URL:{absolute_url(event.get_absolute_url())}"] if links else []
    return [
        "BEGIN:VEVENT",
        f"UID:stce-session-{item.pk}@{public_host()}",
        f"DTSTAMP:{stamp}",
        f"DTSTART{when}:{_local(start)}",
        f"DTEND{when}:{_local(end)}",
        f"SUMMARY:{escape_text(f'{item.display_title} ({event.title})')}",
        *url,
        f"SEQUENCE:{getattr(event, 'date_change_count', None) or event.date_changes.count()}",
        f"STATUS:{STATUS.get(event.status, 'TENTATIVE')}",
        "END:VEVENT",
    ]


def _offset(value: datetime.timedelta) -> str:
    minutes = int(value.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _transitions(zone: ZoneInfo, first: datetime.datetime, last: datetime.datetime):
    """(UTC instant, offset before, offset after) of each change of offset between the two."""
    step, found = datetime.timedelta(hours=6), []
    moment = first.astimezone(datetime.UTC)
    before = moment.astimezone(zone).utcoffset()
    while moment < last:
        later = moment + step
        after = later.astimezone(zone).utcoffset()
        if after != before:
            low, high = moment, later
            while high - low > datetime.timedelta(minutes=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if middle.astimezone(zone).utcoffset() == before else (low, middle)
            found.append((high, before, after))
            before = after
        moment = later
    return found


def vtimezone(name: str, first: datetime.datetime, last: datetime.datetime) -> list[str]:
    """The zone's offsets around the sessions: the one in force, then each change."""
    zone = ZoneInfo(name)
    start = (first - datetime.timedelta(days=1)).astimezone(zone)
    offset = start.utcoffset()
    kind = "DAYLIGHT" if start.dst() else "STANDARD"
    lines = [
        "BEGIN:VTIMEZONE", f"TZID:{name}",
        f"BEGIN:{kind}", "DTSTART:19700101T000000", f"TZOFFSETFROM:{_offset(offset)}",
        f"TZOFFSETTO:{_offset(offset)}", f"TZNAME:{start.tzname()}", f"END:{kind}",
    ]
    for instant, before, after in _transitions(zone, first - datetime.timedelta(days=1),
                                               last + datetime.timedelta(days=1)):
        local = instant.astimezone(zone)
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        lines += [
            f"BEGIN:{kind}", f"DTSTART:{_local((instant + before).replace(tzinfo=None))}",
            f"TZOFFSETFROM:{_offset(before)}", f"TZOFFSETTO:{_offset(after)}", f"TZNAME:{local.tzname()}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return lines


def calendar(events: Iterable[TrainingEvent], *, name: str = "WCO STCE", links: bool = True) -> str:
    """The events and their timed sessions. Without `links` (files sent to people who may have
    no account) no entry points at a page that needs signing in."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    entries, spans = [], {}
    for event in events:
        entries.extend(_vevent(event, stamp, links=links))
        for start, end, item in timed_sessions(event):
            entries.extend(_session_vevent(event, start, end, item, stamp, links=links))
            if start.tzinfo is not None:
                first, last = spans.get(event.time_zone, (start, end))
                spans[event.time_zone] = (min(first, start), max(last, end))
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WCO STCE Programme//Training Manager//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for zone_name, (first, last) in sorted(spans.items()):
        lines.extend(vtimezone(zone_name, first, last))
    lines.extend(entries)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

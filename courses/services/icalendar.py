"""iCalendar (RFC 5545) text for events, written by hand: it is a small, stable format."""

import datetime
from collections.abc import Iterable

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


def _vevent(event: TrainingEvent, stamp: str) -> list[str]:
    where = ", ".join(p for p in (event.venue, event.platform) if p)
    description = "\n".join(p for p in (
        event.get_kind_display(), event.get_format_display(),
        f"Time zone: {event.time_zone}", absolute_url(event.get_absolute_url()),
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
        f"URL:{absolute_url(event.get_absolute_url())}",
        # Calendars replace an earlier copy of the event only when the sequence grows.
        f"SEQUENCE:{getattr(event, 'date_change_count', None) or event.date_changes.count()}",
        f"STATUS:{STATUS.get(event.status, 'TENTATIVE')}",
    ]
    if where:
        lines.append(f"LOCATION:{escape_text(where)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[TrainingEvent], *, name: str = "WCO STCE") -> str:
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WCO STCE Programme//Training Manager//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(_vevent(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

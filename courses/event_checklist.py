"""The event page as a checklist: what is ready, what is missing and where it is fixed; and
the actions its status allows, with the reason beside those it does not.

The reasons come from courses.services.event_rules, the functions the services refuse with,
so the page never offers what the server would refuse. Apps above courses (certificates) add
their own lines through `register_line`, as they add sections to the person page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from courses.messages import DATE_CHANGE, JOINING
from courses.models import Attendance, TrainingEvent
from courses.services.event_rules import (
    date_change_refusal,
    enrolment_refusal,
    mailing_refusal,
    planning_refusal,
    reopening_refusal,
    status_change_refusal,
)
from mailing.models import Message
from people.roles import can_see_all_events, is_coordinator

S = TrainingEvent.Status


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    done: bool
    text: str
    url: str = ""
    link_text: str = ""
    problem: bool = False  # something went wrong (out of date, over capacity), not merely not done yet


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    url: str
    refusal: str = ""  # why it is not offered now; "" when it is
    status: str = ""  # for a change of status: the value posted to the status form


_lines: dict[str, tuple[int, Callable]] = {}


def register_line(key: str, order: int, line: Callable) -> None:
    """`line(request, event)` returns a Line or None (not shown to this user); it runs a
    fixed number of queries whatever the size of the event."""
    _lines[key] = (order, line)


def _url(name: str, event: TrainingEvent, anchor: str = "") -> str:
    return reverse(name, args=[event.pk]) + anchor


def _agenda(request, event: TrainingEvent) -> Line:
    days = list(event.days.all())
    sessions = sum(len(day.items.all()) for day in days)
    empty = sum(1 for day in days if not day.items.all())
    if not sessions:
        text, done = _("No agenda yet."), False
    elif empty:
        text = ngettext(
            "%(n)d day of %(days)d has nothing on it yet.",
            "%(n)d days of %(days)d have nothing on them yet.",
            empty,
        ) % {"n": empty, "days": len(days)}
        done = False
    else:
        text = ngettext(
            "%(n)d session, on every day of the event.",
            "%(n)d sessions, on every day of the event.",
            sessions,
        ) % {"n": sessions, "days": len(days)}
        done = True
    return Line("agenda", _("Agenda"), done, text, _url("courses:agenda", event), _("Agenda"))


def _trainers(request, event: TrainingEvent) -> Line:
    n = len(event.assignments.all())
    text = (
        ngettext("%(n)d trainer assigned.", "%(n)d trainers assigned.", n) % {"n": n}
        if n
        else _("No trainer assigned yet.")
    )
    fixable = is_coordinator(request.user) and not planning_refusal(event)
    url = _url("courses:trainer-assign", event) if fixable else "#trainers"
    return Line(
        "trainers", _("Trainers"), bool(n), text, url, _("Assign a trainer") if fixable else _("Trainers")
    )


def _participants(request, event: TrainingEvent, total: int) -> Line:
    if event.capacity:
        text = ngettext(
            "%(n)d participant; capacity %(capacity)d.", "%(n)d participants; capacity %(capacity)d.", total
        ) % {"n": total, "capacity": event.capacity}
    else:
        text = ngettext(
            "%(n)d participant; no capacity set.", "%(n)d participants; no capacity set.", total
        ) % {"n": total}
    over = bool(event.capacity and total > event.capacity)
    return Line(
        "participants",
        _("Participants"),
        bool(total) and not over,
        text,
        _url("courses:participant-list", event),
        _("Participant list"),
        problem=over,
    )


# What the joining instructions say about the event (courses.services.joining.event_details).
JOINING_FIELDS = {
    "start_date": gettext_lazy("dates"),
    "end_date": gettext_lazy("dates"),
    "venue": gettext_lazy("venue"),
    "platform": gettext_lazy("online platform"),
    "time_zone": gettext_lazy("time zone"),
    "format": gettext_lazy("format"),
}


def _changed_since(event: TrainingEvent, moment) -> list[str]:
    """The joining details that differ now from what they were at `moment` (one query)."""
    then = (
        event.history.filter(history_date__lte=moment)
        .order_by("-history_date", "-history_id")
        .values(*JOINING_FIELDS)
        .first()
    )
    if then is None:
        return []
    changed = []
    for field, label in JOINING_FIELDS.items():
        if then[field] != getattr(event, field) and str(label) not in changed:
            changed.append(str(label))
    return changed


def _joining(request, event: TrainingEvent, date_notice) -> Line:
    sent = (
        Message.objects.about("event", event.pk)
        .exclude(status__in=(Message.Status.FAILED, Message.Status.UNKNOWN))
        .aggregate(
            joining=Max("created_at", filter=Q(kind=JOINING)),
            # A notice of new dates carries every detail too.
            details=Max("created_at", filter=Q(kind__in=(JOINING, DATE_CHANGE))),
        )
    )
    refusal = mailing_refusal(event)
    coordinator = is_coordinator(request.user)
    url = _url("courses:joining-instructions", event) if coordinator and not refusal else ""
    link = _("Joining instructions")
    if sent["joining"] is None:
        # Why nothing can be sent matters before the event; after it, only that nothing was.
        text = _("Not sent.") if event.status == S.COMPLETED else refusal or _("Not sent yet.")
        return Line("joining", _("Joining instructions"), False, text, url, link)
    text = _("Sent on %(date)s.") % {"date": date_format(sent["joining"], "j E Y")}
    changed = _changed_since(event, sent["details"])
    if not changed:
        return Line("joining", _("Joining instructions"), True, text, url, link)
    text += " " + _("Out of date. Changes since they were sent: %(details)s.") % {
        "details": ", ".join(changed)
    }
    if coordinator and date_notice:
        url, link = _url("courses:date-change-notice", event), _("Tell them the new dates")
    return Line("joining", _("Joining instructions"), False, text, url, link, problem=True)


def _attendance(request, event: TrainingEvent) -> Line:
    days = len(event.days.all())
    recorded = Attendance.objects.filter(day__event=event).values("day").distinct().count()
    if not days:
        text = _("No event days yet.")
    else:
        text = ngettext(
            "Recorded on %(n)d day of %(days)d.", "Recorded on %(n)d days of %(days)d.", recorded
        ) % {
            "n": recorded,
            "days": days,
        }
    return Line(
        "attendance",
        _("Attendance"),
        bool(days) and recorded == days,
        text,
        _url("courses:attendance-event", event),
        _("Attendance and completion"),
    )


def checklist(request, event: TrainingEvent, *, participants: int, date_notice=None) -> list[Line]:
    """The lines of the event's checklist for this user, in a fixed number of queries; `event`
    comes with its days, their items and its assignments prefetched."""
    lines = [
        _agenda(request, event),
        _trainers(request, event),
        _participants(request, event, participants),
    ]
    if can_see_all_events(request.user):
        lines.append(_joining(request, event, date_notice))
    lines.append(_attendance(request, event))
    for _order, line in sorted(_lines.values(), key=lambda entry: entry[0]):
        added = line(request, event)
        if added is not None:
            lines.append(added)
    return lines


# ------------------------------------------------------------------ actions


def actions(event: TrainingEvent) -> list[Action]:
    """What a coordinator may do to the event's plan now, each with the reason when refused."""
    planning = planning_refusal(event)
    enrolling = enrolment_refusal(event)
    return [
        Action("edit", _("Edit details"), _url("courses:event-edit", event), planning),
        Action(
            "dates",
            _("Change dates"),
            _url("courses:event-dates", event),
            date_change_refusal(event, postpone=False),
        ),
        Action("agenda", _("Build the agenda"), _url("courses:agenda", event), planning),
        Action("trainer", _("Assign a trainer"), _url("courses:trainer-assign", event), planning),
        Action("enrol", _("Enrol"), _url("courses:participant-add", event), enrolling),
        Action("import", _("Import CSV/XLSX"), _url("courses:participant-import", event), enrolling),
        Action(
            "joining",
            _("Send joining instructions"),
            _url("courses:joining-instructions", event),
            mailing_refusal(event),
        ),
    ]


STATUS_ACTIONS = {
    S.DRAFT: gettext_lazy("Back to draft"),
    S.PLANNED: gettext_lazy("Mark as planned"),
    S.CONFIRMED: gettext_lazy("Confirm"),
    S.POSTPONED: gettext_lazy("Postpone…"),
    S.COMPLETED: gettext_lazy("Mark as completed"),
    S.CANCELLED: gettext_lazy("Cancel the event…"),
}


def status_actions(event: TrainingEvent) -> list[Action]:
    """Every other status, with the reason when the lifecycle refuses it now. Postponing and
    cancelling open a page first (new dates and a reason; a confirmation)."""
    result = []
    for status, label in STATUS_ACTIONS.items():
        if status == event.status:
            continue
        if status == S.POSTPONED:
            refusal = date_change_refusal(event, postpone=True)
            url = _url("courses:event-dates", event)
        else:
            refusal = status_change_refusal(event, status)
            url = _url("courses:event-status", event)
        result.append(Action(status, str(label), url, refusal, status=status))
    return result


def refusals_grouped(items: list[Action]) -> list[tuple[str, list[Action]]]:
    """The refused actions grouped by their reason, so a reason shared by several (a completed
    event refuses every change the same way) is said once."""
    groups: dict[str, list[Action]] = {}
    for item in items:
        if item.refusal:
            groups.setdefault(item.refusal, []).append(item)
    return list(groups.items())


def reopening(event: TrainingEvent) -> Action | None:
    """Reopening is offered on a completed event only; on others it means nothing."""
    if reopening_refusal(event):
        return None
    return Action("reopen", _("Reopen the event…"), _url("courses:event-reopen", event))

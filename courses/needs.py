"""What an event still needs: one condition per need, shared by the home page's to-do items
(which count it) and the events list's "Needs" filter (which lists it), so that a to-do
item's link always shows exactly the events it counted.

Apps above courses add their own (certificates: completed events with none issued) through
`register` in their AppConfig.ready. A condition is a Q on TrainingEvent built from Exists
subqueries, so that counting several needs is one aggregate query.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.messages import INFORMED, JOINING
from courses.models import AgendaItem, Attendance, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from mailing.models import Message


@dataclass(frozen=True)
class Need:
    key: str
    label: object  # a lazy label, shown in the events list's filter
    condition: Callable[..., Q]  # (user, today) -> Q on TrainingEvent


_needs: dict[str, Need] = {}


def register(need: Need) -> None:
    _needs[need.key] = need


def choices() -> list[tuple[str, object]]:
    return [(need.key, need.label) for need in _needs.values()]


def condition(key: str, user=None, today: datetime.date | None = None) -> Q:
    return _needs[key].condition(user, today or timezone.localdate())


def url(key: str) -> str:
    """The events list filtered to the events with this need."""
    return f"{reverse('courses:event-list')}?{urlencode({'needs': key})}"


# ------------------------------------------------------------------ coordinators: scheduled events


def scheduled(today: datetime.date) -> Q:
    """As TrainingEvent.objects.scheduled(): not over, neither draft nor cancelled."""
    return Q(end_date__gte=today) & ~Q(
        status__in=[TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT]
    )


def _has_participants() -> Exists:
    return Exists(Enrolment.objects.filter(event=OuterRef("pk"), status=Enrolment.Status.ENROLLED))


def _messages(kinds, event_ref):
    """Messages of these kinds about the event that were sent or are on their way."""
    return Message.objects.filter(topic_kind="event", topic_id=event_ref, kind__in=kinds).exclude(
        status__in=(Message.Status.FAILED, Message.Status.UNKNOWN)
    )


def _no_agenda(user, today) -> Q:
    return scheduled(today) & ~Q(Exists(AgendaItem.objects.filter(day__event=OuterRef("pk"))))


def _no_trainers(user, today) -> Q:
    return scheduled(today) & ~Q(Exists(TrainerAssignment.objects.filter(event=OuterRef("pk"))))


def _no_participants(user, today) -> Q:
    return scheduled(today) & ~Q(_has_participants())


def _instructions_not_sent(user, today) -> Q:
    """Participants enrolled, and no joining instructions sent (or queued) yet."""
    return scheduled(today) & Q(_has_participants()) & ~Q(Exists(_messages((JOINING,), OuterRef("pk"))))


# What the joining instructions say of the event itself (courses.services.joining.event_details).
DETAILS = ("start_date", "end_date", "venue", "platform", "time_zone", "format")


def _instructions_out_of_date(user, today) -> Q:
    """People were informed (instructions, new dates or a reminder), and the dates, venue,
    platform, time zone or format differ now from the event's record as it stood when the
    last of those messages was queued (the event's history keeps each version), or its agenda
    changed since. Sending the instructions again, or the new dates, brings it up to date."""
    history = TrainingEvent.history.model.objects
    last_informed = _messages(INFORMED, OuterRef(OuterRef(OuterRef("pk")))).order_by("-created_at")
    version_then = (
        history.filter(
            id=OuterRef(OuterRef("pk")), history_date__lte=Subquery(last_informed.values("created_at")[:1])
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    then = history.filter(history_id=Subquery(version_then))
    same_as_now = then.filter(**{field: OuterRef(field) for field in DETAILS})
    # The agenda (with its times) is in the instructions too: any item added, changed or
    # removed since then.
    agenda_changed = AgendaItem.history.model.objects.filter(
        day__event=OuterRef("pk"),
        history_date__gt=Subquery(
            _messages(INFORMED, OuterRef(OuterRef("pk"))).order_by("-created_at").values("created_at")[:1]
        ),
    )
    return scheduled(today) & Q(Exists(then)) & (~Q(Exists(same_as_now)) | Q(Exists(agenda_changed)))


# ------------------------------------------------------------------ trainers: their own sheets


def _own(user) -> Exists:
    return Exists(TrainerAssignment.objects.filter(event=OuterRef("pk"), person__user=user))


def _unrecorded_days(**dates):
    return EventDay.objects.filter(event=OuterRef("pk"), **dates).exclude(
        Exists(Attendance.objects.filter(day=OuterRef("pk")))
    )


def _sheet_today(user, today) -> Q:
    return Q(_own(user)) & ~Q(status=TrainingEvent.Status.CANCELLED) & Q(Exists(_unrecorded_days(date=today)))


def _days_unrecorded(user, today) -> Q:
    return (
        Q(_own(user))
        & ~Q(status=TrainingEvent.Status.CANCELLED)
        & Q(Exists(_unrecorded_days(date__lt=today)))
    )


register(Need("agenda", _("Upcoming, no agenda"), _no_agenda))
register(Need("trainers", _("Upcoming, no trainer"), _no_trainers))
register(Need("participants", _("Upcoming, no participant"), _no_participants))
register(Need("instructions", _("Joining instructions not sent"), _instructions_not_sent))
register(Need("instructions-outdated", _("Joining instructions out of date"), _instructions_out_of_date))
register(Need("sheet-today", _("My attendance sheet to fill today"), _sheet_today))
register(Need("days-unrecorded", _("My past days without attendance"), _days_unrecorded))

"""The home page's "needs doing" items for coordinators and trainers (see people/todo.py)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import ngettext

from courses import needs
from courses.models import Attendance, EventDay, TrainingEvent
from people import roles
from people.todo import TodoItem, TodoProvider, register


def _item(label: str, n: int, url: str, severity: str = "warning") -> TodoItem:
    return TodoItem(label % {"n": n}, url, n, severity)


def _counts(request, keys: tuple[str, ...]) -> dict[str, int]:
    """How many events have each need, in one aggregate query."""
    today = timezone.localdate()
    return TrainingEvent.objects.aggregate(
        **{key: Count("pk", filter=needs.condition(key, request.user, today)) for key in keys}
    )


def _coordinator_items(request) -> list[TodoItem]:
    """Scheduled events that still lack an agenda, trainers, participants or up-to-date joining
    instructions: one query. Each links to the events list showing exactly those events."""
    n = _counts(request, ("agenda", "trainers", "participants", "instructions", "instructions-outdated"))
    return [
        _item(
            ngettext(
                "%(n)d upcoming event has no agenda", "%(n)d upcoming events have no agenda", n["agenda"]
            ),
            n["agenda"],
            needs.url("agenda"),
        ),
        _item(
            ngettext(
                "%(n)d upcoming event has no trainer", "%(n)d upcoming events have no trainer", n["trainers"]
            ),
            n["trainers"],
            needs.url("trainers"),
        ),
        _item(
            ngettext(
                "%(n)d upcoming event has no participant",
                "%(n)d upcoming events have no participant",
                n["participants"],
            ),
            n["participants"],
            needs.url("participants"),
        ),
        _item(
            ngettext(
                "%(n)d upcoming event: joining instructions not sent",
                "%(n)d upcoming events: joining instructions not sent",
                n["instructions"],
            ),
            n["instructions"],
            needs.url("instructions"),
        ),
        _item(
            ngettext(
                "%(n)d event: joining instructions out of date after a change",
                "%(n)d events: joining instructions out of date after a change",
                n["instructions-outdated"],
            ),
            n["instructions-outdated"],
            needs.url("instructions-outdated"),
            "danger",
        ),
    ]


def _trainer_items(request) -> list[TodoItem]:
    """Days of the trainer's own events with no attendance recorded, today and before: one query.
    The links list the events those days belong to."""
    today = timezone.localdate()
    own_events = TrainingEvent.objects.for_trainer(request.user).exclude(
        status=TrainingEvent.Status.CANCELLED
    )
    counts = (
        EventDay.objects.filter(event__in=own_events, date__lte=today)
        .exclude(Exists(Attendance.objects.filter(day=OuterRef("pk"))))
        .aggregate(today=Count("pk", filter=Q(date=today)), past=Count("pk", filter=Q(date__lt=today)))
    )
    today_n, past_n = counts["today"], counts["past"]
    return [
        _item(
            ngettext(
                "%(n)d attendance sheet to fill today", "%(n)d attendance sheets to fill today", today_n
            ),
            today_n,
            needs.url("sheet-today"),
            "info",
        ),
        _item(
            ngettext(
                "%(n)d past day without attendance recorded",
                "%(n)d past days without attendance recorded",
                past_n,
            ),
            past_n,
            needs.url("days-unrecorded"),
        ),
    ]


def register_items() -> None:
    register(TodoProvider("courses-events", roles.COORDINATOR, _coordinator_items, 10))
    register(TodoProvider("courses-attendance", roles.TRAINER, _trainer_items, 10))

"""The home page's "needs doing" items for coordinators and trainers (see people/todo.py)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from courses.models import AgendaItem, Attendance, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from people import roles
from people.todo import TodoItem, TodoProvider, register


def _item(label: str, n: int, url: str, severity: str = "warning") -> TodoItem:
    return TodoItem(label % {"n": n}, url, n, severity)


def _coordinator_items(request) -> list[TodoItem]:
    """Scheduled events that still lack an agenda, trainers or participants: one query."""
    counts = TrainingEvent.objects.scheduled().aggregate(
        no_agenda=Count("pk", filter=~Q(Exists(AgendaItem.objects.filter(day__event=OuterRef("pk"))))),
        no_trainers=Count("pk", filter=~Q(Exists(TrainerAssignment.objects.filter(event=OuterRef("pk"))))),
        no_participants=Count("pk", filter=~Q(Exists(
            Enrolment.objects.filter(event=OuterRef("pk"), status=Enrolment.Status.ENROLLED)
        ))),
    )
    url = reverse("courses:event-list")
    agenda, trainers, participants = counts["no_agenda"], counts["no_trainers"], counts["no_participants"]
    return [
        _item(ngettext("%(n)d upcoming event has no agenda",
                       "%(n)d upcoming events have no agenda", agenda), agenda, url),
        _item(ngettext("%(n)d upcoming event has no trainer",
                       "%(n)d upcoming events have no trainer", trainers), trainers, url),
        _item(ngettext("%(n)d upcoming event has no participant",
                       "%(n)d upcoming events have no participant", participants), participants, url),
    ]


def _trainer_items(request) -> list[TodoItem]:
    """Days of the trainer's own events with no attendance recorded, today and before: one query."""
    today = timezone.localdate()
    own_events = TrainingEvent.objects.for_trainer(request.user).exclude(
        status=TrainingEvent.Status.CANCELLED
    )
    counts = (
        EventDay.objects.filter(event__in=own_events, date__lte=today)
        .exclude(Exists(Attendance.objects.filter(day=OuterRef("pk"))))
        .aggregate(today=Count("pk", filter=Q(date=today)), past=Count("pk", filter=Q(date__lt=today)))
    )
    url = reverse("courses:event-list")
    today_n, past_n = counts["today"], counts["past"]
    return [
        _item(ngettext("%(n)d attendance sheet to fill today",
                       "%(n)d attendance sheets to fill today", today_n), today_n, url, "info"),
        _item(ngettext("%(n)d past day without attendance recorded",
                       "%(n)d past days without attendance recorded", past_n), past_n, url),
    ]


def register_items() -> None:
    register(TodoProvider("courses-events", roles.COORDINATOR, _coordinator_items, 10))
    register(TodoProvider("courses-attendance", roles.TRAINER, _trainer_items, 10))

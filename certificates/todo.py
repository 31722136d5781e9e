"""The home page's "needs doing" item for certificates (see people/todo.py)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import ngettext

from certificates.models import Certificate
from courses.models import Enrolment, TrainingEvent
from people import roles
from people.todo import TodoItem, TodoProvider, register


def _unissued_items(request) -> list[TodoItem]:
    """Completed events with participants but no certificate issued yet: one COUNT."""
    n = (
        TrainingEvent.objects.filter(status=TrainingEvent.Status.COMPLETED)
        .filter(Exists(Enrolment.objects.filter(event=OuterRef("pk"), status=Enrolment.Status.ENROLLED)))
        .exclude(Exists(Certificate.objects.filter(event=OuterRef("pk"))))
        .count()
    )
    label = ngettext("%(n)d completed event has no certificates issued",
                     "%(n)d completed events have no certificates issued", n) % {"n": n}
    return [TodoItem(label, reverse("courses:event-list"), n)]


def register_items() -> None:
    register(TodoProvider("certificates-unissued", roles.COORDINATOR, _unissued_items, 30))

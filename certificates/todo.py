"""The home page's "needs doing" item for certificates (see people/todo.py)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy, ngettext

from certificates.models import Certificate
from courses import needs
from courses.models import Enrolment, TrainingEvent
from people import roles
from people.todo import TodoItem, TodoProvider, register


def _unissued(user=None, today=None) -> Q:
    """Completed events with participants but no certificate issued yet."""
    return (
        Q(status=TrainingEvent.Status.COMPLETED)
        & Q(Exists(Enrolment.objects.filter(event=OuterRef("pk"), status=Enrolment.Status.ENROLLED)))
        & ~Q(Exists(Certificate.objects.filter(event=OuterRef("pk"))))
    )


def _unissued_items(request) -> list[TodoItem]:
    """One COUNT; the link lists exactly the events counted."""
    n = TrainingEvent.objects.filter(_unissued()).count()
    label = ngettext(
        "%(n)d completed event has no certificates issued",
        "%(n)d completed events have no certificates issued",
        n,
    ) % {"n": n}
    return [TodoItem(label, needs.url("certificates"), n)]


def register_items() -> None:
    needs.register(needs.Need("certificates", gettext_lazy("Completed, no certificate issued"), _unissued))
    register(TodoProvider("certificates-unissued", roles.COORDINATOR, _unissued_items, 30))

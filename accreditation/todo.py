"""The home page's "needs doing" items for accreditation (see people/todo.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accreditation.models import Expert, HomeTraining, HomeTrainingStatus, Proposal
from accreditation.models.experts import add_months
from people import roles
from people.todo import TodoItem, TodoProvider, register, register_badge

# The same window as the "expiring" list page the item links to.
EXPIRING_MONTHS = 6


def review_queue_count(request) -> int:
    return Proposal.objects.pending().count()


def _review_items(request) -> list[TodoItem]:
    n = review_queue_count(request)
    label = ngettext("%(n)d proposal waiting for review", "%(n)d proposals waiting for review", n) % {"n": n}
    return [TodoItem(label, reverse("accreditation:review-queue"), n)]


def _expiring_items(request) -> list[TodoItem]:
    today = timezone.localdate()
    n = Expert.objects.accredited().filter(valid_until__lte=add_months(today, EXPIRING_MONTHS)).count()
    label = ngettext(
        "%(n)d accredited expert expires within six months or has expired",
        "%(n)d accredited experts expire within six months or have expired", n,
    ) % {"n": n}
    return [TodoItem(label, reverse("accreditation:expiring"), n)]


def _home_training_items(request) -> list[TodoItem]:
    n = HomeTraining.objects.filter(status=HomeTrainingStatus.SUBMITTED).count()
    label = ngettext(
        "%(n)d training delivered at home waiting for review",
        "%(n)d trainings delivered at home waiting for review", n,
    ) % {"n": n}
    return [TodoItem(label, reverse("accreditation:home-training-list") + "?status=submitted", n)]


def register_items() -> None:
    register(TodoProvider("accreditation-review", roles.ADMINISTRATOR, _review_items, 10))
    register(TodoProvider("accreditation-expiring", roles.COORDINATOR, _expiring_items, 50))
    register(TodoProvider("accreditation-home-trainings", roles.COORDINATOR, _home_training_items, 55))
    register_badge("review_queue", roles.ADMINISTRATOR, review_queue_count)

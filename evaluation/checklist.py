"""The evaluation's line on the event page's checklist (see courses/event_checklist.py)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.event_checklist import Line, register_line
from evaluation.models import Answered, Kind
from people.roles import is_coordinator, is_trainer


def _line(request, event) -> Line | None:
    counts = dict(
        Answered.objects.filter(enrolment__event=event).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    text = " · ".join(f"{label}: {counts.get(kind, 0)}" for kind, label in Kind.choices)
    if is_coordinator(request.user):
        url, link = reverse("evaluation:event", args=[event.pk]), _("Evaluation")
    elif is_trainer(request.user):
        url, link = reverse("evaluation:room", args=[event.pk]), _("Pre-test in the room")
    else:
        url, link = reverse("evaluation:results", args=[event.pk]), _("Results")
    return Line("evaluation", _("Evaluation"), bool(counts.get(Kind.FEEDBACK)), text, url, link)


def register() -> None:
    register_line("evaluation", 65, _line)

"""`{% training_history person %}`: a person's events with attendance and completion."""

from django import template

from courses.completion import completion_for_enrolments
from courses.models import Enrolment, TrainingEvent

register = template.Library()


def training_history(person) -> list[tuple[Enrolment, object]]:
    """The person's enrolments, newest event first, each with its completion (3 queries)."""
    enrolments = list(
        Enrolment.objects.filter(person=person).select_related("event").order_by("-event__start_date")
    )
    completion = completion_for_enrolments(enrolments)
    return [(enrolment, completion[enrolment.pk]) for enrolment in enrolments]


@register.inclusion_tag("courses/includes/training_history.html", takes_context=True)
def training_history_for(context, person):
    request = context.get("request")
    history = training_history(person)
    visible = set()
    if request is not None and history:
        visible = set(
            TrainingEvent.objects.visible_to(request.user)
            .filter(pk__in=[e.event_id for e, _c in history]).values_list("pk", flat=True)
        )
    return {"history": history, "visible_event_ids": visible}

"""Attendance and completion for pages outside the attendance views.

`{% training_history_for person %}`: a person's events with attendance and completion.
`{% event_completion_table event %}`: completion of each participant of an event.
"""

from django import template

from courses.completion import completion_for_enrolments, completion_for_event
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


@register.inclusion_tag("courses/includes/completion_table.html")
def event_completion_table(event):
    """Each participant's attendance share and completion status, in 4 queries."""
    enrolments = list(
        Enrolment.objects.filter(event=event).select_related("person__organisation")
        .order_by("status", "person__family_name", "person__given_name", "pk")
    )
    completion = completion_for_event(event, enrolments)
    rows = [(enrolment, completion[enrolment.pk]) for enrolment in enrolments]
    return {"event": event, "rows": rows, "completed_count": sum(c.completed for _e, c in rows)}

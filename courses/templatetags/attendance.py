"""Attendance and completion for pages outside the attendance views.

`{% training_history_for person %}`: a person's events with attendance and completion.
`{% event_completion_table event %}`: completion of each participant of an event.
"""

from django import template
from django.core.paginator import Paginator

from courses.completion import completed_count, completion_for_enrolments, completion_for_event
from courses.models import Enrolment, TrainingEvent

register = template.Library()
COMPLETION_PAGE_SIZE = 50


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


@register.inclusion_tag("courses/includes/completion_table.html", takes_context=True)
def event_completion_table(context, event):
    """A page of participants with their attendance share and completion status, and the
    event's totals: a constant number of queries, and a page of rows, whatever the event's size."""
    request = context.get("request")
    enrolments = (
        Enrolment.objects.filter(event=event).select_related("person__organisation")
        .order_by("status", "person__family_name", "person__given_name", "pk")
    )
    page_obj = Paginator(enrolments, COMPLETION_PAGE_SIZE).get_page(request.GET.get("page") if request else 1)
    completion = completion_for_event(event, list(page_obj.object_list))
    completed, total = completed_count(event)
    return {
        "event": event,
        "rows": [(enrolment, completion[enrolment.pk]) for enrolment in page_obj.object_list],
        "completed_count": completed,
        "total": total,
        "page_obj": page_obj,
        "request": request,
    }

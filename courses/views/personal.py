"""The page of an event that a participant opens from their e-mail, without an account."""

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import render

from courses.models import AgendaItem, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from courses.services.icalendar import calendar
from courses.services.personal_links import read_token, still_valid
from documents.downloads import file_download
from people.models import Person


def _event_and_person(token: str):
    ids = read_token(token)
    if ids is None:
        raise Http404
    event = (
        TrainingEvent.objects.annotate(date_change_count=Count("date_changes"))
        .prefetch_related(
            "languages",
            Prefetch(
                "days",
                EventDay.objects.prefetch_related(
                    Prefetch(
                        "items",
                        AgendaItem.objects.select_related("module").prefetch_related("module__translations"),
                    )
                ),
            ),
        )
        .exclude(status=TrainingEvent.Status.DRAFT)
        .filter(pk=ids[0])
        .first()
    )
    person = Person.objects.filter(pk=ids[1], erased_at__isnull=True).first()
    on_event = (
        person is not None
        and event is not None
        and (
            Enrolment.objects.active().filter(event=event, person=person).exists()
            or TrainerAssignment.objects.filter(event=event, person=person).exists()
        )
    )
    if not on_event or not still_valid(event):
        raise Http404
    return event, person


def personal_page(request, token: str):
    event, person = _event_and_person(token)
    # The evaluation (pre-test, post-test, feedback) is for participants, not for their trainers.
    is_participant = Enrolment.objects.active().filter(event=event, person=person).exists()
    response = render(
        request,
        "courses/personal_page.html",
        {"event": event, "person": person, "token": token, "is_participant": is_participant},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def personal_page_ics(request, token: str):
    event, _person = _event_and_person(token)
    return file_download(
        calendar([event], name=event.title, links=False),
        filename="event.ics",
        content_type="text/calendar; charset=utf-8",
    )

"""Finding, reading and planning training events."""

import datetime

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from courses import event_checklist
from courses.access import event_for
from courses.forms.event_filters import EventFilter
from courses.forms.events import DateChangeForm, ReopenEventForm, StatusForm, TrainingEventForm
from courses.gender import event_gender_table
from courses.models import AgendaItem, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from courses.services import events as event_services
from courses.services.event_rules import (
    enrolment_refusal,
    planning_refusal,
    reopening_refusal,
    status_change_refusal,
)
from courses.services.icalendar import calendar
from courses.services.joining import pending_date_change
from documents.downloads import file_download
from documents.spreadsheets import COUNT, DATE, INTEGER, Column
from mailing.log import summary_for
from people.errors import DomainError
from people.lists import Header, ListPage
from people.roles import (
    ADMINISTRATOR,
    COORDINATOR,
    TRAINER,
    can_see_all_events,
    is_coordinator,
    role_required,
)

EVERYONE = (COORDINATOR, ADMINISTRATOR, TRAINER)


def _names(related) -> str:
    return ", ".join(str(item) for item in related.all())


EVENTS = ListPage(
    name="events",
    title=gettext_lazy("Training events"),
    filterset=EventFilter,
    sorts={
        "start": ("start_date", "title", "pk"),
        "-start": ("-start_date", "title", "pk"),
        "title": ("title", "pk"),
        "-title": ("-title", "pk"),
        "status": ("status", "-start_date", "pk"),
        "-status": ("-status", "-start_date", "pk"),
        "participants": ("participant_count", "-start_date", "pk"),
        "-participants": ("-participant_count", "-start_date", "pk"),
    },
    default_sort="-start",
    page_size=25,
    headers=[
        Header(gettext_lazy("Dates"), sort="start"),
        Header(gettext_lazy("Title"), sort="title"),
        Header(gettext_lazy("Kind")),
        Header(gettext_lazy("Where")),
        Header(gettext_lazy("Languages")),
        Header(gettext_lazy("Status"), sort="status"),
        Header(gettext_lazy("Participants"), sort="participants", css="text-end"),
    ],
    columns=[
        Column(gettext_lazy("Title"), lambda e: e.title),
        Column(gettext_lazy("Start date"), lambda e: e.start_date, DATE),
        Column(gettext_lazy("End date"), lambda e: e.end_date, DATE),
        Column(gettext_lazy("Kind"), lambda e: e.get_kind_display()),
        Column(gettext_lazy("Format"), lambda e: e.get_format_display()),
        Column(gettext_lazy("Status"), lambda e: e.get_status_display()),
        Column(gettext_lazy("Host country"), lambda e: e.host_country),
        Column(gettext_lazy("WCO region"), lambda e: e.region or (e.host_country and e.host_country.region)),
        Column(gettext_lazy("Venue"), lambda e: e.venue),
        Column(gettext_lazy("Online platform"), lambda e: e.platform),
        Column(gettext_lazy("Languages"), lambda e: _names(e.languages)),
        Column(gettext_lazy("Participants"), lambda e: e.participant_count, COUNT),
        Column(gettext_lazy("Capacity"), lambda e: e.capacity, INTEGER),
    ],
)


def _participant_count():
    counts = (
        Enrolment.objects.filter(event=OuterRef("pk"), status=Enrolment.Status.ENROLLED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


@role_required(*EVERYONE)
def event_list(request):
    """Every event for coordinators and administrators; "My events" for trainers."""
    events = (
        TrainingEvent.objects.visible_to(request.user)
        .select_related("host_country__region", "region")
        .prefetch_related("languages")
        .annotate(participant_count=_participant_count())
    )
    return EVENTS.apply(request, events).response(
        "courses/event_list.html", {"mine_only": not can_see_all_events(request.user)}
    )


@role_required(*EVERYONE)
def event_calendar(request):
    """A year at a glance: one bar per event across the months it runs."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    events = list(
        TrainingEvent.objects.visible_to(request.user)
        .filter(start_date__year__lte=year, end_date__year__gte=year)
        .select_related("host_country")
        .order_by("start_date", "title")
    )
    for event in events:
        first = 1 if event.start_date.year < year else event.start_date.month
        last = 12 if event.end_date.year > year else event.end_date.month
        event.bar_start, event.bar_span = first, last - first + 1
    months = [datetime.date(year, m, 1) for m in range(1, 13)]
    return render(
        request,
        "courses/event_calendar.html",
        {
            "year": year,
            "events": events,
            "months": months,
            "previous": year - 1,
            "next": year + 1,
        },
    )


@role_required(*EVERYONE)
def event_detail(request, pk: int):
    event = event_for(
        request.user,
        pk,
        TrainingEvent.objects.select_related("host_country", "region", "created_by").prefetch_related(
            "languages",
            "organisers",
            "partners",
            "date_changes__changed_by",
            Prefetch(
                "days",
                EventDay.objects.prefetch_related(
                    Prefetch(
                        "items",
                        AgendaItem.objects.select_related("module").prefetch_related(
                            "module__translations", "speakers", "speaker_organisations"
                        ),
                    ),
                ),
            ),
            Prefetch("assignments", TrainerAssignment.objects.select_related("person__organisation")),
        ),
    )
    # One count serves the gender table (participants and trainers) and the total above it.
    gender_table = event_gender_table(event)
    withdrawn = Enrolment.objects.filter(event=event, status=Enrolment.Status.WITHDRAWN).count()
    coordinator = is_coordinator(request.user)
    # Offered after a change of dates, to tell those informed before it.
    date_notice = pending_date_change(event) if coordinator and event.date_changes.all() else None
    context = {
        "date_notice": date_notice,
        "email_summary": (
            summary_for("event", event.pk, problems=0) if can_see_all_events(request.user) else None
        ),
        "event": event,
        "gender_table": gender_table,
        "gender_counts": [(row.label, row.participants) for row in gender_table.rows],
        "participant_total": gender_table.participants,
        "withdrawn": withdrawn,
        "checklist": event_checklist.checklist(
            request, event, participants=gender_table.participants, date_notice=date_notice
        ),
        # The page offers only what the services accept now (the same rule functions).
        "can_edit": coordinator and not planning_refusal(event),
        "can_enrol": coordinator and not enrolment_refusal(event),
    }
    if coordinator:
        plan = event_checklist.actions(event)
        statuses = event_checklist.status_actions(event)
        context |= {
            "actions": [a for a in plan if not a.refusal],
            "refused_actions": event_checklist.refusals_grouped(plan),
            "status_actions": [a for a in statuses if not a.refusal],
            "refused_statuses": event_checklist.refusals_grouped(statuses),
            "reopening": event_checklist.reopening(event),
        }
    return render(request, "courses/event_detail.html", context)


@role_required(COORDINATOR)
def event_create(request):
    form = TrainingEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = event_services.create_event(values=form.cleaned_data, by=request.user)
        messages.success(request, _("%(title)s was added as a draft.") % {"title": event.title})
        return redirect(event)
    return render(request, "courses/event_form.html", {"form": form, "creating": True})


@role_required(COORDINATOR)
def event_edit(request, pk: int):
    event = event_for(request.user, pk)
    form = TrainingEventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_services.update_event(event=event, values=form.cleaned_data, by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(title)s was saved.") % {"title": event.title})
            return redirect(event)
    return render(request, "courses/event_form.html", {"form": form, "event": event})


@require_POST
@role_required(COORDINATOR)
def event_status(request, pk: int):
    event = event_for(request.user, pk)
    form = StatusForm(request.POST, event=event)
    if not form.is_valid():
        # The rule's own reason when there is one (the page showed it beside the status).
        wanted = request.POST.get("status", "")
        reason = status_change_refusal(event, wanted) if wanted in TrainingEvent.Status.values else ""
        status = event.get_status_display().lower()
        reason = reason or _("A %(status)s event cannot take that status.") % {"status": status}
        messages.error(request, reason)
        return redirect(event)
    try:
        event = event_services.change_status(event=event, status=form.cleaned_data["status"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The event is now %(status)s.") % {"status": event.get_status_display().lower()}
        )
    return redirect(event)


@role_required(COORDINATOR)
def event_cancel(request, pk: int):
    """GET asks to confirm; POST cancels the event (it can be taken back to draft later)."""
    event = event_for(request.user, pk)
    error = status_change_refusal(event, TrainingEvent.Status.CANCELLED)
    if request.method == "POST" and not error:
        try:
            event = event_services.change_status(event=event, status=TrainingEvent.Status.CANCELLED)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("The event is cancelled."))
            return redirect(event)
    return render(
        request,
        "courses/confirm.html",
        {
            "event": event,
            "title": _("Cancel this event?"),
            "body": _(
                "Nobody is told automatically. A cancelled event can be taken back to draft later."
            ),
            "button": _("Cancel the event"),
            "back_label": _("Keep the event"),
            "error": error,
        },
    )


@role_required(COORDINATOR)
def event_reopen(request, pk: int):
    """GET asks for the reason; POST takes the completed event back to confirmed."""
    event = event_for(request.user, pk)
    form = ReopenEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.reopen_event(event=event, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The event is confirmed again: correct it, then mark it completed."))
            return redirect(event)
    return render(
        request,
        "courses/event_reopen.html",
        {"event": event, "form": form, "refusal": reopening_refusal(event)},
        status=400 if form.errors else 200,
    )


@role_required(COORDINATOR)
def event_dates(request, pk: int):
    """Change the dates (usually a postponement); every change is kept with its reason."""
    event = event_for(request.user, pk)
    form = DateChangeForm(
        request.POST or None, initial={"start_date": event.start_date, "end_date": event.end_date}
    )
    if request.method == "POST" and form.is_valid():
        try:
            event_services.change_dates(event=event, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The new dates are saved; the old ones are kept in the history."))
            return redirect(event)
    return render(request, "courses/event_dates.html", {"form": form, "event": event})


def _ics_response(text: str, filename: str):
    return file_download(text, filename=filename, content_type="text/calendar; charset=utf-8")


@role_required(*EVERYONE)
def event_ics(request, pk: int):
    event = event_for(
        request.user, pk, TrainingEvent.objects.annotate(date_change_count=Count("date_changes"))
    )
    return _ics_response(calendar([event], name=event.title), f"{slugify(event.title)[:60] or 'event'}.ics")


@role_required(*EVERYONE)
def my_events_ics(request):
    """The events the signed-in user is assigned to, for their own calendar."""
    events = (
        TrainingEvent.objects.for_trainer(request.user)
        .exclude(status=TrainingEvent.Status.DRAFT)
        .annotate(date_change_count=Count("date_changes"))
        .order_by("start_date")
    )
    return _ics_response(calendar(events, name=_("My STCE events")), "my-stce-events.ics")

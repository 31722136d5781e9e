"""Building an event's agenda: days, items from the curriculum, order, copying."""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.access import event_for
from courses.forms.agenda import (
    AddModulesForm,
    AgendaItemForm,
    CopyAgendaForm,
    ItemTimesForm,
    StandardAgendaForm,
)
from courses.models import AgendaItem, Module
from courses.services import events as event_services
from courses.services.agenda_builder import build_standard_agenda, set_times_and_day, standard_modules
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, TRAINER, is_coordinator, role_required


def _agenda_url(event, request=None) -> str:
    """Where an agenda action returns: the one-screen agenda when it was done there, else the
    event page's agenda section."""
    if request is not None and "agenda" in (request.POST.get("next"), request.GET.get("next")):
        return reverse("courses:agenda", args=[event.pk])
    return f"{event.get_absolute_url()}#agenda"


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@require_POST
@role_required(COORDINATOR)
def days_generate(request, pk: int):
    event = event_for(request.user, pk)
    try:
        created = event_services.create_days_from_dates(event=event)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, ngettext("%(n)s day added.", "%(n)s days added.", len(created)) % {"n": len(created)}
        )
    return redirect(_agenda_url(event, request))


@role_required(COORDINATOR)
def agenda_modules(request, pk: int):
    """Pick several curriculum modules at once for one day."""
    event = event_for(request.user, pk)
    try:
        if not event.days.exists():
            event_services.create_days_from_dates(event=event)
        form = AddModulesForm(request.POST or None, event=event)
        if request.method == "POST" and form.is_valid():
            modules = sorted(form.cleaned_data["modules"], key=lambda m: m.code)
            added = event_services.add_modules_to_day(day=form.cleaned_data["day"], modules=modules)
            messages.success(
                request,
                ngettext(
                    "%(n)s module added to the agenda.", "%(n)s modules added to the agenda.", len(added)
                )
                % {"n": len(added)},
            )
            return redirect(_agenda_url(event, request))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_agenda_url(event, request))
    return render(request, "courses/agenda_modules.html", {"form": form, "event": event})


@role_required(COORDINATOR)
def agenda_item_create(request, pk: int):
    event = event_for(request.user, pk)
    form = AgendaItemForm(request.POST or None, event=event, initial={"day": request.GET.get("day")})
    if request.method == "POST" and form.is_valid():
        try:
            event_services.add_agenda_item(**form.cleaned_data, by=request.user)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Agenda item added."))
            return redirect(_agenda_url(event, request))
    return render(request, "courses/agenda_item_form.html", {"form": form, "event": event, "creating": True})


@role_required(COORDINATOR)
def agenda_item_edit(request, pk: int, item_pk: int):
    event = event_for(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, day__event=event)
    form = AgendaItemForm(request.POST or None, instance=item, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.update_agenda_item(item=item, **form.cleaned_data, by=request.user)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Agenda item saved."))
            return redirect(_agenda_url(event, request))
    return render(request, "courses/agenda_item_form.html", {"form": form, "event": event, "item": item})


@role_required(COORDINATOR)
def agenda_item_delete(request, pk: int, item_pk: int):
    event = event_for(request.user, pk)
    item = get_object_or_404(AgendaItem.objects.select_related("module", "day"), pk=item_pk, day__event=event)
    error = None
    if request.method == "POST":
        try:
            event_services.remove_agenda_item(item=item, by=request.user)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Agenda item removed."))
            return redirect(_agenda_url(event, request))
    return render(
        request,
        "courses/confirm.html",
        {
            "event": event,
            "title": _("Remove this agenda item?"),
            "body": f"{item.day.date:%d %b %Y}: {item.display_title}",
            "button": _("Remove"),
            "error": error,
        },
    )


@require_POST
@role_required(COORDINATOR)
def agenda_item_move(request, pk: int, item_pk: int):
    event = event_for(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, day__event=event)
    try:
        event_services.move_agenda_item(
            item=item, direction="up" if request.POST.get("direction") == "up" else "down"
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_agenda_url(event, request))


@role_required(COORDINATOR)
def agenda_copy(request, pk: int):
    event = event_for(request.user, pk)
    form = CopyAgendaForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            copied = event_services.copy_agenda(source=form.cleaned_data["source"], target=event)
        except DomainError as error:
            form.add_error("source", error.message)
        else:
            messages.success(
                request,
                ngettext("%(n)s agenda item copied.", "%(n)s agenda items copied.", copied) % {"n": copied},
            )
            return redirect(_agenda_url(event, request))
    return render(request, "courses/agenda_copy.html", {"form": form, "event": event})


# A day still running after this is worth a second look (move a session to a lighter day).
LATE = datetime.time(18, 0)


def time_zone_label(event) -> str:
    """ "Asia/Almaty (UTC+05:00)", the offset on the event's first day."""
    try:
        zone = ZoneInfo(event.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return event.time_zone
    offset = datetime.datetime.combine(event.start_date, datetime.time(12), tzinfo=zone).strftime("%z")
    return f"{event.time_zone} (UTC{offset[:3]}:{offset[3:]})"


def _agenda_days(event):
    items = AgendaItem.objects.select_related("module").prefetch_related(
        "module__translations", "speakers", "speaker_organisations__country"
    )
    return list(event.days.order_by("date").prefetch_related(Prefetch("items", queryset=items)))


@role_required(COORDINATOR, ADMINISTRATOR, TRAINER)
def agenda_page(request, pk: int):
    """Every day of the event with its sessions, times, speakers and their organisations; for
    coordinators, everything needed to build and arrange it without leaving the page."""
    event = event_for(request.user, pk)
    days = _agenda_days(event)
    for day in days:
        ends = [item.end_time for item in day.items.all() if item.end_time]
        day.ends_late = max(ends) if ends and max(ends) > LATE else None
    can_edit = is_coordinator(request.user)
    has_items = any(day.items.all() for day in days)
    context = {
        "event": event,
        "days": days,
        "can_edit": can_edit,
        "has_items": has_items,
        "tz_label": time_zone_label(event),
    }
    if can_edit:
        on_agenda = {item.module_id for day in days for item in day.items.all() if item.module_id}
        context["modules_left"] = [
            m
            for m in Module.objects.active().prefetch_related("translations").order_by("code")
            if m.pk not in on_agenda
        ]
        if not has_items:
            context["standard_form"] = StandardAgendaForm(initial={"modules": list(standard_modules())})
    return render(request, "courses/agenda.html", context)


@require_POST
@role_required(COORDINATOR)
def agenda_build(request, pk: int):
    event = event_for(request.user, pk)
    form = StandardAgendaForm(request.POST)
    if form.is_valid():
        try:
            created = build_standard_agenda(
                event=event, modules=list(form.cleaned_data["modules"]), by=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s session placed over the days, with times: adjust them below.",
                    "%(n)s sessions placed over the days, with times: adjust them below.",
                    created,
                )
                % {"n": created},
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("courses:agenda", pk=event.pk)


@require_POST
@role_required(COORDINATOR)
def agenda_item_times(request, pk: int, item_pk: int):
    """Change a session's times, or move it to another day, from the agenda page."""
    event = event_for(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, day__event=event)
    form = ItemTimesForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("courses:agenda", pk=event.pk)
    try:
        set_times_and_day(item=item, by=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(title)s” saved.") % {"title": item.display_title})
    return redirect(f"{reverse('courses:agenda', args=[event.pk])}#item-{item.pk}")

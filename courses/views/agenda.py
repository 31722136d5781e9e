"""Building an event's agenda: days, items from the curriculum, order, copying."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.access import event_for
from courses.forms.agenda import AddModulesForm, AgendaItemForm, CopyAgendaForm
from courses.models import AgendaItem
from courses.services import events as event_services
from people.errors import DomainError
from people.roles import COORDINATOR, role_required


def _agenda_url(event) -> str:
    return f"{event.get_absolute_url()}#agenda"


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@require_POST
@role_required(COORDINATOR)
def days_generate(request, pk: int):
    event = event_for(request.user, pk)
    created = event_services.create_days_from_dates(event=event)
    messages.success(request, _("%(n)s days added.") % {"n": len(created)})
    return redirect(_agenda_url(event))


@role_required(COORDINATOR)
def agenda_modules(request, pk: int):
    """Pick several curriculum modules at once for one day."""
    event = event_for(request.user, pk)
    if not event.days.exists():
        event_services.create_days_from_dates(event=event)
    form = AddModulesForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        modules = sorted(form.cleaned_data["modules"], key=lambda m: m.code)
        added = event_services.add_modules_to_day(day=form.cleaned_data["day"], modules=modules)
        messages.success(request, _("%(n)s modules added to the agenda.") % {"n": len(added)})
        return redirect(_agenda_url(event))
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
            return redirect(_agenda_url(event))
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
            return redirect(_agenda_url(event))
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
            return redirect(_agenda_url(event))
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
    event_services.move_agenda_item(
        item=item, direction="up" if request.POST.get("direction") == "up" else "down"
    )
    return redirect(_agenda_url(event))


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
            messages.success(request, _("%(n)s agenda items copied.") % {"n": copied})
            return redirect(_agenda_url(event))
    return render(request, "courses/agenda_copy.html", {"form": form, "event": event})

"""Attendance pages of an event: overview with completion, day sheets, the grid, exports."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.attendance_export import attendance_table
from courses.forms.attendance import AttendanceSheetForm, ReopenAttendanceForm
from courses.models import AttendanceStatus, EventDay, TrainingEvent
from courses.services.attendance import (
    event_today,
    lock_attendance,
    reopen_attendance,
    save_attendance,
    save_attendance_grid,
)
from courses.signin_sheet import signin_sheet_pdf
from documents.downloads import PDF, file_download
from people.errors import DomainError
from people.lists import export_response
from people.roles import ADMINISTRATOR, COORDINATOR, TRAINER, is_coordinator, role_required

ATTENDANCE_ROLES = (COORDINATOR, ADMINISTRATOR, TRAINER)


def event_for(user, pk: int) -> TrainingEvent:
    """The event if the user may take its attendance; 404 for another trainer's event."""
    return get_object_or_404(TrainingEvent.objects.visible_to(user), pk=pk)


def day_of(event: TrainingEvent, day_pk: int) -> EventDay:
    return get_object_or_404(EventDay.objects.select_related("event"), pk=day_pk, event=event)


@role_required(*ATTENDANCE_ROLES)
def event_attendance(request, pk: int):
    event = event_for(request.user, pk)
    days = EventDay.objects.filter(event=event).annotate(
        recorded=Count("attendance"),
        attended=Count("attendance", filter=Q(attendance__status__in=["present", "late"])),
    )
    return render(request, "courses/attendance_event.html", {
        "event": event, "days": days, "today": event_today(event),
        "reopenings": event.attendance_reopenings.select_related("reopened_by")[:10],
        "can_lock": is_coordinator(request.user),
    })


def _sheet_response(request, event: TrainingEvent, days: list[EventDay], template: str, extra: dict):
    """GET shows the sheet (a page of participants); POST saves the changed cells and shows
    what was saved."""
    # `request.POST or None` would leave an empty (or JSON) POST unbound and crash on it.
    data = request.POST if request.method == "POST" else None
    paging = {"page": request.GET.get("page")}
    form = AttendanceSheetForm(event=event, days=days, data=data, **paging)
    context = {"event": event, "days": days, "form": form, **extra}
    if request.method == "POST":
        entries = form.entries(mark_all_present="mark_all" in request.POST)
        if entries is not None:
            try:
                if len(days) == 1:
                    result = save_attendance(day=days[0], entries=entries, by=request.user)
                else:
                    result = save_attendance_grid(event=event, entries=entries, by=request.user)
            except DomainError as error:
                form.errors.append(error.message)
            else:
                # Show the sheet as it now is in the database, with what this save wrote.
                form = AttendanceSheetForm(event=event, days=days, **paging)
                names = {row.enrolment.pk: row.person.full_name for row in form.rows}
                dates = {day.pk: day.date for day in days}
                context.update(form=form, result=result, saved=[
                    (names.get(r.enrolment_id, ""), dates.get(r.day_id), r.get_status_display(), r.remark)
                    for r in result.saved
                ])
    return render(request, template, context, status=400 if form.errors else 200)


@role_required(*ATTENDANCE_ROLES)
def day_sheet(request, pk: int, day_pk: int):
    event = event_for(request.user, pk)
    day = day_of(event, day_pk)
    days = list(EventDay.objects.filter(event=event))
    index = [d.pk for d in days].index(day.pk)
    return _sheet_response(request, event, [day], "courses/attendance_day.html", {
        "day": day,
        "previous_day": days[index - 1] if index > 0 else None,
        "next_day": days[index + 1] if index + 1 < len(days) else None,
        "statuses": AttendanceStatus.choices,
    })


@role_required(*ATTENDANCE_ROLES)
def grid(request, pk: int):
    event = event_for(request.user, pk)
    days = list(EventDay.objects.filter(event=event))
    return _sheet_response(request, event, days, "courses/attendance_grid.html", {
        "statuses": AttendanceStatus.choices,
    })


@role_required(*ATTENDANCE_ROLES)
def signin_sheet(request, pk: int, day_pk: int):
    event = event_for(request.user, pk)
    day = day_of(event, day_pk)
    return file_download(
        signin_sheet_pdf(day), content_type=PDF, inline=True,
        filename=f"sign-in-sheet-event-{event.pk}-{day.date.isoformat()}.pdf",
    )


def _attendance_export(request, pk: int, fmt: str):
    event = event_for(request.user, pk)
    columns, rows = attendance_table(event)
    return export_response(
        columns, rows, fmt=fmt, name=f"attendance-{slugify(event.title)[:60] or event.pk}",
        title=_("Attendance"),
    )


@role_required(*ATTENDANCE_ROLES)
def export_csv(request, pk: int):
    return _attendance_export(request, pk, "csv")


@role_required(*ATTENDANCE_ROLES)
def export_xlsx(request, pk: int):
    return _attendance_export(request, pk, "xlsx")


@require_POST
@role_required(COORDINATOR)
def lock(request, pk: int):
    event = event_for(request.user, pk)
    lock_attendance(event=event, by=request.user)
    messages.success(request, _("Attendance is locked."))
    return redirect("courses:attendance-event", pk=event.pk)


@role_required(COORDINATOR)
def reopen(request, pk: int):
    """GET asks for the reason; POST reopens the locked attendance and records why."""
    event = event_for(request.user, pk)
    form = ReopenAttendanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reopen_attendance(event=event, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Attendance is open for corrections again."))
            return redirect("courses:attendance-event", pk=event.pk)
    return render(
        request, "courses/attendance_reopen.html", {"event": event, "form": form},
        status=400 if form.errors else 200,
    )

"""Scheduled reports: schedule one, stop one, and every report produced, to download again."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.downloads import PDF, XLSX, file_download
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required

from .donor import donors
from .models import ProducedReport, ReportSchedule
from .report_forms import ScheduleForm
from .services.reports import schedule_report, stop_schedule

FILES = {"pdf": PDF, "xlsx": XLSX}


@role_required(COORDINATOR, ADMINISTRATOR)
def scheduled_report_list(request):
    form = ScheduleForm(request.POST or None, donors=donors())
    if request.method == "POST" and form.is_valid():
        try:
            schedule_report(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The report was scheduled."))
            return redirect("reporting:scheduled-report-list")
    return render(
        request,
        "reporting/scheduled_reports.html",
        {
            "form": form,
            "schedules": ReportSchedule.objects.select_related("donor"),
            "produced": ProducedReport.objects.select_related("donor", "schedule")[:200],
        },
    )


@require_POST
@role_required(COORDINATOR, ADMINISTRATOR)
def scheduled_report_stop(request, pk: int):
    stop_schedule(schedule=get_object_or_404(ReportSchedule, pk=pk), by=request.user)
    messages.success(request, _("The schedule was stopped; the reports it produced are kept."))
    return redirect("reporting:scheduled-report-list")


@role_required(COORDINATOR, ADMINISTRATOR)
def produced_report_download(request, pk: int, fmt: str):
    report = get_object_or_404(ProducedReport, pk=pk)
    if fmt not in FILES:
        return redirect("reporting:scheduled-report-list")
    stored = getattr(report, fmt)
    return file_download(stored.open("rb"), content_type=FILES[fmt], filename=stored.name.rsplit("/", 1)[-1])

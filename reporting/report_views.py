"""The donor and programme reports: a page, and the same report as a PDF or an XLSX."""

from django.shortcuts import render
from django.utils import translation
from django.utils.text import slugify

from courses.services.events import mark_events_that_took_place
from documents.downloads import PDF, XLSX, file_download
from people.roles import ADMINISTRATOR, COORDINATOR, role_required

from .donor import DonorSelection, donor_report, donors
from .programme_report import ProgrammeSelection, programme_report
from .report_document import ReportDocument, render_pdf, render_xlsx
from .report_forms import DonorReportForm, PeriodForm

RENDERERS = {"pdf": (render_pdf, PDF), "xlsx": (render_xlsx, XLSX)}


def _download(build, fmt: str, language: str, name: str):
    """The report built and rendered in `language` (the page's own language by default)."""
    render_file, content_type = RENDERERS[fmt]
    with translation.override(language):
        content = render_file(build())
    return file_download(content, content_type=content_type, filename=f"{name}-{language}.{fmt}")


def _page(request, template: str, form, document: ReportDocument | None, extra: dict | None = None):
    return render(
        request,
        template,
        {
            "form": form,
            "document": document,
            "querystring": request.GET.urlencode(),
            **(extra or {}),
        },
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def donor_report_view(request):
    mark_events_that_took_place()
    form = DonorReportForm(request.GET or None, donors=donors())
    if not form.is_bound or not form.is_valid():
        return _page(request, "reporting/donor_report.html", form, None)
    data = form.cleaned_data
    selection = DonorSelection(data["donor"], data["grant"].strip(), data["start"], data["end"])
    fmt = request.GET.get("format")
    if fmt in RENDERERS:
        name = f"donor-report-{slugify(selection.donor.short_name or selection.donor.name)[:40]}"
        return _download(
            lambda: donor_report(selection), fmt, form.chosen_language(translation.get_language()), name
        )
    return _page(request, "reporting/donor_report.html", form, donor_report(selection))


@role_required(COORDINATOR, ADMINISTRATOR)
def programme_report_view(request):
    mark_events_that_took_place()
    form = PeriodForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    selection = (
        ProgrammeSelection(form.cleaned_data["start"], form.cleaned_data["end"])
        if valid
        else ProgrammeSelection()
    )
    fmt = request.GET.get("format")
    if fmt in RENDERERS and (valid or not form.is_bound):
        language = form.chosen_language(translation.get_language()) if valid else translation.get_language()
        return _download(lambda: programme_report(selection), fmt, language, "programme-report")
    return _page(request, "reporting/programme_report.html", form, programme_report(selection))

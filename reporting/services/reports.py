"""Scheduling reports, producing them (kept as files), and e-mailing them to their recipients."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mailing.attachments import provided
from mailing.services.outbox import Draft, queue_messages
from people.errors import DomainError
from reporting.donor import DonorSelection, donor_report
from reporting.messages import REPORT_PDF, REPORT_XLSX, SCHEDULED_REPORT
from reporting.models import ProducedReport, ReportKind, ReportSchedule, recipient_list
from reporting.programme_report import ProgrammeSelection, programme_report
from reporting.report_document import ReportDocument, render_pdf, render_xlsx


def _checked_recipients(text: str) -> str:
    addresses = recipient_list(text)
    if not addresses:
        raise DomainError(_("Name at least one recipient."), field="recipients")
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            raise DomainError(
                _("%(address)s is not an e-mail address.") % {"address": address}, field="recipients"
            ) from None
    return "\n".join(addresses)


def schedule_report(
    *, kind: str, frequency: str, recipients: str, language: str, donor=None, grant: str = "", by=None
) -> ReportSchedule:
    if kind == ReportKind.DONOR and donor is None:
        raise DomainError(_("Choose the donor the report is for."), field="donor")
    return ReportSchedule.objects.create(
        kind=kind,
        frequency=frequency,
        recipients=_checked_recipients(recipients),
        language=language,
        donor=donor if kind == ReportKind.DONOR else None,
        grant=grant.strip() if kind == ReportKind.DONOR else "",
        created_by=by,
    )


def stop_schedule(*, schedule: ReportSchedule, by=None) -> None:
    ReportSchedule.objects.filter(pk=schedule.pk).update(active=False)


def build_document(kind: str, donor, grant: str, start: datetime.date, end: datetime.date) -> ReportDocument:
    if kind == ReportKind.DONOR:
        return donor_report(DonorSelection(donor, grant, start, end))
    return programme_report(ProgrammeSelection(start, end))


def _filename(report: ProducedReport, extension: str) -> str:
    who = slugify(report.donor.short_name or report.donor.name)[:30] if report.donor_id else "programme"
    period = f"{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"
    return f"{report.kind}-report-{who}-{period}-{report.language}.{extension}"


@transaction.atomic
def produce_report(
    *,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    language: str,
    donor=None,
    grant: str = "",
    recipients: str = "",
    schedule: ReportSchedule | None = None,
) -> ProducedReport:
    """Render the report in its language, keep its PDF and XLSX, and queue one e-mail per
    recipient with both attached (sent by the mail workers)."""
    from courses.services.events import mark_events_that_took_place

    mark_events_that_took_place()
    with translation.override(language):
        document = build_document(kind, donor, grant, start, end)
        pdf, xlsx = render_pdf(document), render_xlsx(document)
        title, period = document.title, document.period
    report = ProducedReport(
        schedule=schedule,
        kind=kind,
        donor=donor,
        grant=grant,
        period_start=start,
        period_end=end,
        language=language,
        recipients=recipients,
    )
    report.pdf.save(_filename(report, "pdf"), ContentFile(pdf), save=False)
    report.xlsx.save(_filename(report, "xlsx"), ContentFile(xlsx), save=False)
    report.save()
    attachments = [
        provided(REPORT_PDF, report.pk, _filename(report, "pdf")),
        provided(REPORT_XLSX, report.pk, _filename(report, "xlsx")),
    ]
    queue_messages(
        drafts=[
            Draft(
                kind=SCHEDULED_REPORT,
                to=address,
                language=language,
                values={"title": title, "period": period},
                dedupe_key=f"report-{report.pk}-{address}",
                attachments=attachments,
            )
            for address in recipient_list(recipients)
        ]
    )
    return report


def produce_scheduled(
    schedule: ReportSchedule, start: datetime.date, end: datetime.date
) -> ProducedReport | None:
    """Once per schedule and period: run twice (a task retried), it produces nothing new."""
    if ProducedReport.objects.filter(schedule=schedule, period_start=start, period_end=end).exists():
        return None
    return produce_report(
        kind=schedule.kind,
        start=start,
        end=end,
        language=schedule.language,
        donor=schedule.donor,
        grant=schedule.grant,
        recipients=schedule.recipients,
        schedule=schedule,
    )

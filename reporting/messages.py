"""The e-mail that carries a produced report (editable wording), with its PDF and XLSX
attached when it is sent (read from the kept files)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mailing.attachments import register_provider
from mailing.kinds import MessageKind, register_kind

SCHEDULED_REPORT = "scheduled-report"
REPORT_PDF = "produced-report-pdf"
REPORT_XLSX = "produced-report-xlsx"
MIMETYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file(field: str):
    def provide(ref) -> tuple[str, bytes, str]:
        from reporting.models import ProducedReport

        stored = getattr(ProducedReport.objects.get(pk=ref), field)
        with stored.open("rb") as handle:
            return stored.name.rsplit("/", 1)[-1], handle.read(), MIMETYPES[field]

    return provide


def _sample() -> dict[str, str]:
    return {"title": gettext("STCE Programme report"), "period": "2026"}


def register() -> None:
    register_kind(
        MessageKind(
            key=SCHEDULED_REPORT,
            label=_("Scheduled report"),
            description=_("To the recipients of a scheduled report, with its PDF and XLSX attached."),
            subject=_("{{ title }}: {{ period }}"),
            body=_(
                "Hello,\n\n"
                "Please find attached the {{ title }} for {{ period }}, as a PDF and as a spreadsheet.\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={"title": _("the report's title"), "period": _("the period the report covers")},
            sample=_sample,
            order=90,
        )
    )
    register_provider(REPORT_PDF, _file("pdf"))
    register_provider(REPORT_XLSX, _file("xlsx"))

from django.core.files.base import ContentFile

from people.tests.permissions import Case, ladder
from reporting.models import ProducedReport, ReportSchedule


def _schedule(w):
    schedule = ReportSchedule.objects.create(kind="programme", frequency="yearly", recipients="a@example.org")
    return {"pk": schedule.pk}


def _produced(fmt):
    def kwargs(w):
        report = ProducedReport(kind="programme", period_start="2025-01-01", period_end="2025-12-31")
        report.pdf.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
        report.xlsx.save("matrix.xlsx", ContentFile(b"PK matrix"), save=False)
        report.save()
        return {"pk": report.pk, "fmt": fmt}

    return kwargs


CASES = [
    Case("reporting:dashboard-gender", ladder()),
    Case("reporting:dashboard-programme", ladder()),
    Case(
        "reporting:dashboard-export",
        ladder(),
        kwargs=lambda w: {"dashboard": "gender", "table": "trainees", "fmt": "csv"},
    ),
    Case("reporting:donor-report", ladder()),
    Case("reporting:programme-report", ladder()),
    *[Case("reporting:programme-report", ladder(), query={"format": fmt}) for fmt in ("pdf", "xlsx")],
    Case("reporting:scheduled-report-list", ladder()),
    Case("reporting:scheduled-report-stop", ladder(coord=302, admin=302), method="post", kwargs=_schedule),
    *[Case("reporting:produced-report-download", ladder(), kwargs=_produced(fmt)) for fmt in ("pdf", "xlsx")],
]

"""Scheduled reports: a coordinator schedules one; the daily schedule enqueues it once its
period is over; a worker produces it, keeps its files and e-mails them to the recipients."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from background.maintenance import run_due_schedules
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from documents.tests.readback import needs_pdftotext, pdftotext_pages, reads_back
from frameworks.services.events import add_funding_source
from people.models import Gender
from people.tests.factories import OrganisationFactory, PersonFactory
from reporting.models import ProducedReport, ReportSchedule
from reporting.periods import last_complete_period

LIST = reverse("reporting:scheduled-report-list")


@pytest.mark.parametrize(
    ("frequency", "day", "period"),
    [
        ("monthly", datetime.date(2026, 3, 1), (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))),
        ("monthly", datetime.date(2026, 1, 15), (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31))),
        ("quarterly", datetime.date(2026, 5, 20), (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))),
        ("quarterly", datetime.date(2026, 2, 1), (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))),
        ("yearly", datetime.date(2026, 12, 5), (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))),
    ],
)
def test_the_period_is_the_last_whole_one(frequency, day, period):
    assert last_complete_period(frequency, day) == period


@pytest.fixture
def donor(db):
    donor = OrganisationFactory(name="Friends of Export Control", short_name="FEC")
    last_year = timezone.localdate().year - 1
    event = TrainingEventFactory(title="Funded training", start_date=datetime.date(last_year, 4, 6))
    add_funding_source(event=event, donor=donor)
    for gender in (Gender.FEMALE, Gender.FEMALE, Gender.MALE):
        EnrolmentFactory(event=event, person=PersonFactory(gender=gender))
    return donor


def _daily_run(settings):
    settings.BACKGROUND_SCHEDULES = {"scheduled-reports": ("reporting.tasks.produce_due_reports", "06:00")}
    now = timezone.localtime().replace(hour=6, minute=30)
    return run_due_schedules(now)


@needs_pdftotext
def test_a_scheduled_donor_report_is_produced_kept_and_mailed(donor, coordinator_client, run_tasks, settings):
    response = coordinator_client.post(
        LIST,
        {
            "kind": "donor",
            "frequency": "yearly",
            "donor": donor.pk,
            "language": "fr",
            "recipients": "donor@example.org\nofficer@example.org",
        },
    )
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get()
    assert schedule.recipient_list() == ["donor@example.org", "officer@example.org"]

    assert _daily_run(settings) == ["scheduled-reports"]
    run_tasks()
    report = ProducedReport.objects.get()
    last_year = timezone.localdate().year - 1
    assert (report.schedule, report.kind, report.donor, report.language) == (schedule, "donor", donor, "fr")
    assert (report.period_start, report.period_end) == (
        datetime.date(last_year, 1, 1),
        datetime.date(last_year, 12, 31),
    )

    assert sorted(m.to[0] for m in mail.outbox) == ["donor@example.org", "officer@example.org"]
    message = mail.outbox[0]
    names = [name for name, _content, _type in message.attachments]
    assert names[0].endswith("-fr.pdf") and names[1].endswith("-fr.xlsx")
    text = "\n".join(pdftotext_pages(message.attachments[0][1]))
    assert reads_back(text, "Friends of Export Control") and reads_back(text, "Funded training")

    # Run again (another worker, the next day): nothing new is produced or sent.
    run_tasks()
    from reporting.tasks import produce_due_reports

    produce_due_reports.enqueue(day=timezone.localdate().isoformat())
    run_tasks()
    assert ProducedReport.objects.count() == 1 and len(mail.outbox) == 2

    # The list offers it again, as it was sent.
    page = coordinator_client.get(LIST)
    assert reverse("reporting:produced-report-download", args=[report.pk, "pdf"]) in page.content.decode()
    pdf = coordinator_client.get(reverse("reporting:produced-report-download", args=[report.pk, "pdf"]))
    assert b"".join(pdf.streaming_content) == message.attachments[0][1]
    xlsx = coordinator_client.get(reverse("reporting:produced-report-download", args=[report.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert len(workbook.sheetnames) > 3


def test_a_stopped_schedule_produces_nothing(donor, coordinator_client, run_tasks, settings):
    coordinator_client.post(
        LIST,
        {"kind": "programme", "frequency": "monthly", "language": "en", "recipients": "board@example.org"},
    )
    schedule = ReportSchedule.objects.get()
    coordinator_client.post(reverse("reporting:scheduled-report-stop", args=[schedule.pk]))
    _daily_run(settings)
    run_tasks()
    assert not ProducedReport.objects.exists() and not mail.outbox


def test_a_donor_report_needs_a_donor_and_valid_addresses(db, coordinator_client):
    response = coordinator_client.post(
        LIST, {"kind": "donor", "frequency": "monthly", "language": "en", "recipients": "not an address"}
    )
    assert response.status_code == 200 and not ReportSchedule.objects.exists()
    assert response.context["form"].errors

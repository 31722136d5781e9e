"""The donor report: a donor funding three trainings gets exactly those trainings' figures,
counted with the dashboards' rules, on the page, in the PDF (read back) and in the XLSX."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from certificates.issuing import issue_certificate
from certificates.models import Certificate
from courses.models import Attendance, AttendanceStatus, Enrolment, TrainingEvent
from courses.tests.factories import EnrolmentFactory, TrainerAssignmentFactory, TrainingEventFactory
from documents.tests.readback import needs_pdftotext, pdftotext_pages, reads_back
from frameworks.services.events import add_funding_source
from people.models import Gender
from people.tests.factories import CountryFactory, OrganisationFactory, PersonFactory
from reporting.donor import DonorSelection, donor_figures, donor_report
from reporting.report_document import render_pdf, render_xlsx

URL = reverse("reporting:donor-report")
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()


@pytest.fixture
def funded(db, coordinator):
    """The donor funds A (delivered, attendance recorded), B (delivered, none recorded) and C
    (next month: the plan). D is delivered but funded by someone else; E is funded but cancelled.

    A: Ana (F, Kenya) present, Ben (M, Kenya) absent on every day: Ana trained.
    B: Ana again, Cleo (F, Belgium), Dan (M, Belgium) enrolled; Eve (F) withdrew: Ana, Cleo, Dan.
    So 3 people trained: 2 women, 1 man; Kenya 1 F; Belgium 1 F, 1 M.
    Experts: Tom (M) leads A and B, Una (F) co-trains B: 2 experts (1 F, 1 M).
    Certificates: participation for Cleo and Dan in B (2); one revoked-free valid each.
    C: 2 enrolled so far.
    """
    kenya = CountryFactory(code="KE", name="Kenya")
    belgium = CountryFactory(code="BE", name="Belgium", region=kenya.region)
    donor = OrganisationFactory(name="Friends of Export Control", short_name="FEC")
    other = OrganisationFactory(name="Another Donor")
    a = TrainingEventFactory(title="Training A", start_date=datetime.date(2023, 3, 6), with_days=True)
    b = TrainingEventFactory(title="Training B", start_date=datetime.date(2023, 9, 4))
    c = TrainingEventFactory(title="Training C", start_date=TODAY + datetime.timedelta(days=30))
    d = TrainingEventFactory(title="Training D", start_date=datetime.date(2023, 5, 1))
    e = TrainingEventFactory(
        title="Training E", start_date=datetime.date(2023, 6, 1), status=TrainingEvent.Status.CANCELLED
    )
    for event in (a, b, c, e):
        add_funding_source(event=event, donor=donor, grant="Phase II" if event != e else "Phase I")
    add_funding_source(event=d, donor=other)
    people = {
        name: PersonFactory(given_name=name, gender=gender, country=country)
        for name, gender, country in (
            ("Ana", Gender.FEMALE, kenya),
            ("Ben", Gender.MALE, kenya),
            ("Cleo", Gender.FEMALE, belgium),
            ("Dan", Gender.MALE, belgium),
            ("Eve", Gender.FEMALE, belgium),
            ("Tom", Gender.MALE, kenya),
            ("Una", Gender.FEMALE, belgium),
        )
    }
    ana_a = EnrolmentFactory(event=a, person=people["Ana"])
    ben_a = EnrolmentFactory(event=a, person=people["Ben"])
    for day in a.days.all():
        Attendance.objects.create(enrolment=ana_a, day=day, status=AttendanceStatus.PRESENT)
        Attendance.objects.create(enrolment=ben_a, day=day, status=AttendanceStatus.ABSENT)
    for name in ("Ana", "Cleo", "Dan"):
        EnrolmentFactory(event=b, person=people[name])
    EnrolmentFactory(event=b, person=people["Eve"], status=Enrolment.Status.WITHDRAWN)
    for _ in range(2):
        EnrolmentFactory(event=c)
    for _ in range(4):
        EnrolmentFactory(event=d, person=PersonFactory(gender=Gender.FEMALE, country=kenya))
    TrainerAssignmentFactory(event=a, person=people["Tom"])
    TrainerAssignmentFactory(event=b, person=people["Tom"])
    TrainerAssignmentFactory(event=b, person=people["Una"], role="co_trainer")
    TrainerAssignmentFactory(event=d, person=PersonFactory(gender=Gender.FEMALE))
    for name in ("Cleo", "Dan"):
        issue_certificate(kind=Certificate.Kind.PARTICIPATION, holder=people[name], event=b, by=coordinator)
    return donor, (a, b, c)


def test_the_donor_s_figures_are_those_of_its_three_trainings(funded):
    donor, (a, b, c) = funded
    figures = donor_figures(DonorSelection(donor))
    assert [e.title for e in figures.delivered] == ["Training A", "Training B"]
    assert [e.title for e in figures.scheduled] == ["Training C"]
    assert figures.trained == {"female": 2, "male": 1, "another": 0, "unknown": 0}
    assert figures.trained_by_event[a.pk]["female"] == 1 and sum(figures.trained_by_event[a.pk].values()) == 1
    assert sum(figures.trained_by_event[b.pk].values()) == 3
    assert figures.trained_by_country == {
        "KE": {"female": 1, "male": 0, "another": 0, "unknown": 0},
        "BE": {"female": 1, "male": 1, "another": 0, "unknown": 0},
    }
    assert figures.experts == {"female": 1, "male": 1, "another": 0, "unknown": 0}
    assert figures.certificates == {"participation": 2}
    assert figures.enrolled_by_event == {c.pk: 2}


def test_a_grant_and_a_period_narrow_the_trainings(funded):
    donor, (a, _b, _c) = funded
    figures = donor_figures(
        DonorSelection(donor, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 6, 30))
    )
    assert [e.title for e in figures.delivered] == ["Training A"] and not figures.scheduled
    assert figures.trained == {"female": 1, "male": 0, "another": 0, "unknown": 0}
    assert not donor_figures(DonorSelection(donor, grant="Phase I")).delivered  # E was cancelled


def test_the_figures_take_a_fixed_number_of_queries(funded, django_assert_num_queries):
    donor, _events = funded
    with django_assert_num_queries(6):
        donor_figures(DonorSelection(donor))


@needs_pdftotext
def test_the_pdf_states_the_figures_and_draws_charts(funded, settings):
    settings.STCE_MASK_SMALL_COUNTS = False
    donor, _events = funded
    pdf = render_pdf(donor_report(DonorSelection(donor)))
    text = "\n".join(pdftotext_pages(pdf))
    assert reads_back(text, "Donor report: Friends of Export Control")
    assert reads_back(
        text,
        "Funded by Friends of Export Control: 2 trainings delivered; 3 officials trained; "
        "2 experts involved; 2 certificates issued; 1 training scheduled.",
    )
    assert reads_back(text, "Training A") and reads_back(text, "Training C")
    assert "Training D" not in text and "Training E" not in text
    assert b"/Subtype /Image" not in pdf  # charts are drawn, not pictures
    assert reads_back(text, "Female") and reads_back(text, "Belgium")  # the legend and bars' labels


def test_small_counts_are_masked_as_on_the_dashboards(funded, settings):
    settings.STCE_MASK_SMALL_COUNTS = True
    donor, _events = funded
    document = donor_report(DonorSelection(donor))
    _table, rows, masked = document.masked()[1]  # by gender: 2 women, 1 man
    assert masked and rows[0][1:3] == ["<5", "<5"]
    workbook = load_workbook(io.BytesIO(render_xlsx(document)))
    assert "<5" in [c.value for row in workbook[workbook.sheetnames[2]].iter_rows() for c in row]
    assert "3 officials" not in document.paragraphs[0] and "<5 officials trained" in document.paragraphs[0]


def test_the_page_and_its_downloads(funded, coordinator_client):
    donor, _events = funded
    response = coordinator_client.get(URL, {"donor": donor.pk})
    assert response.status_code == 200
    # Masked as on the dashboards (the default): 3 people are "<5" in the sentence too.
    assert (
        "&lt;5 officials trained; &lt;5 experts involved; 2 certificates issued" in response.content.decode()
    )
    pdf = coordinator_client.get(URL, {"donor": donor.pk, "format": "pdf", "language": "fr"})
    assert pdf["Content-Type"] == "application/pdf" and pdf["Content-Disposition"].endswith('-fr.pdf"')
    xlsx = coordinator_client.get(URL, {"donor": donor.pk, "format": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    events = workbook[workbook.sheetnames[1]]
    values = [[c.value for c in row] for row in events.iter_rows()]
    assert [row[0] for row in values[2:4]] == ["Training A", "Training B"]

"""The programme report on a small programme: its sentences say what the dashboards count,
in words and figures, in the four languages; the page, the PDF and the XLSX agree."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from documents.tests.readback import needs_pdftotext, pdftotext_pages, reads_back
from people.models import Gender, Language
from people.tests.factories import PersonFactory
from reporting.figures import Filters, event_figures, trainee_figures
from reporting.number_words import in_words
from reporting.programme_report import ProgrammeSelection, programme_report
from reporting.report_document import render_pdf, render_xlsx

URL = reverse("reporting:programme-report")


@pytest.mark.parametrize(
    ("n", "language", "words"),
    [
        (15, "en", "fifteen"),
        (36, "en", "thirty-six"),
        (0, "en", "zero"),
        (15, "fr", "quinze"),
        (21, "fr", "vingt et un"),
        (71, "fr", "soixante et onze"),
        (80, "fr", "quatre-vingts"),
        (97, "fr", "quatre-vingt-dix-sept"),
        (15, "es", "quince"),
        (26, "es", "veintiséis"),
        (36, "es", "treinta y seis"),
        (15, "ru", "пятнадцать"),
        (36, "ru", "тридцать шесть"),
        (40, "ru", "сорок"),
        (100, "en", None),
        (2134, "ru", None),
    ],
)
def test_numbers_below_a_hundred_in_words(n, language, words):
    assert in_words(n, language) == words


@pytest.fixture
def programme(db):
    cache.clear()
    english, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    french, _ = Language.objects.get_or_create(code="fr", defaults={"name": "French"})
    for year, language in ((2021, english), (2022, french), (2023, english)):
        workshop = TrainingEventFactory(kind="ttt", start_date=datetime.date(year, 2, 1))
        workshop.languages.add(language)
    national = TrainingEventFactory(kind="national", start_date=datetime.date(2022, 6, 1))
    for gender in [Gender.FEMALE] * 4 + [Gender.MALE] * 6:
        EnrolmentFactory(event=national, person=PersonFactory(gender=gender))
    return national


def test_the_sentences_state_the_dashboards_figures(programme, settings):
    settings.STCE_MASK_SMALL_COUNTS = False
    document = programme_report(ProgrammeSelection())
    workshops, _experts, trainings, officials, _partners = document.paragraphs
    assert (
        workshops
        == "Three (3) Train-the-Trainer accreditation workshops were delivered in English and French."
    )
    assert sum(event_figures(Filters()).by_year_and_kind.values()) == 4
    assert trainings.startswith("The WCO ran four (4) trainings directly (one (1) national and regional)")
    assert trainee_figures(Filters()).total.people == 10
    assert officials.startswith(
        "Ten (10) officials were trained in the WCO's own trainings; women were 40.0% of them"
    )


def test_a_period_narrows_by_the_years_trainings_started(programme):
    document = programme_report(ProgrammeSelection(datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)))
    assert document.paragraphs[0].startswith(
        "One (1) Train-the-Trainer accreditation workshop was delivered in French"
    )
    assert document.period == "Trainings that started from 2022 to 2022"


@needs_pdftotext
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Three (3)"),
        ("fr", "Trois (3) ateliers"),
        ("es", "Tres (3) talleres"),
        ("ru", "Три (3) семинара"),
    ],
)
def test_the_pdf_in_each_language(programme, language, expected):
    with translation.override(language):
        pdf = render_pdf(programme_report(ProgrammeSelection()))
    text = "\n".join(pdftotext_pages(pdf))
    assert reads_back(text, expected)


def test_the_page_and_the_xlsx(programme, coordinator_client):
    page = coordinator_client.get(URL)
    assert page.status_code == 200 and "Train-the-Trainer accreditation workshops" in page.content.decode()
    response = coordinator_client.get(URL, {"format": "xlsx", "language": "es"})
    assert response["Content-Disposition"].endswith('programme-report-es.xlsx"')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    summary = [row[0].value for row in workbook[workbook.sheetnames[0]].iter_rows()]
    assert any(str(v).startswith("Tres (3) talleres") for v in summary)
    assert len(workbook.sheetnames) > 10  # a sheet per table
    assert render_xlsx(programme_report(ProgrammeSelection()))[:2] == b"PK"

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Enrolment
from courses.signin_sheet import signin_sheet_pdf
from courses.tests.factories import EnrolmentFactory, TrainerAssignmentFactory, TrainingEventFactory
from people.models import Organisation
from people.tests.factories import PersonFactory

NAMES = [
    ("José", "Núñez Peña", ""),
    ("Дмитрий", "Иванов", "Dmitry Ivanov"),
    ("伟", "王", "Wang Wei"),
]


@pytest.fixture
def day(db):
    event = TrainingEventFactory(title="National training on STCE", venue="Almaty", with_days=True)
    customs = Organisation.objects.create(name="Государственная таможенная служба", kind="customs")
    for given, family, latin in NAMES:
        EnrolmentFactory(event=event, person=PersonFactory(
            given_name=given, family_name=family, latin_name=latin, organisation=customs,
        ))
    EnrolmentFactory(event=event, status=Enrolment.Status.WITHDRAWN,
                     person=PersonFactory(given_name="Gone", family_name="Away"))
    return event.days.order_by("date").first()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_sign_in_sheet_prints_names_in_their_own_script(day):
    text = pdf_text(signin_sheet_pdf(day))
    for name, latin in [("José Núñez Peña", ""), ("Дмитрий Иванов", "Dmitry Ivanov"), ("王伟", "Wang Wei")]:
        assert name in text  # Chinese names print family name first, as their owners write them
        assert latin in text
    assert "Государственная таможенная служба" in text
    assert "Signature" in text and "National training on STCE" in text
    assert "Gone Away" not in text  # withdrawn participants do not sign


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_sign_in_sheet_reads_back_with_pdftotext(day):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=signin_sheet_pdf(day), capture_output=True, check=True
    ).stdout.decode()
    assert "Дмитрий Иванов" in text
    assert "王伟" in text
    assert "Wang Wei" in text


def test_trainer_downloads_the_sheet_of_their_event(trainer_client, trainer, day):
    TrainerAssignmentFactory(event=day.event, person=trainer.person)
    response = trainer_client.get(reverse("courses:attendance-signin-sheet", args=[day.event_id, day.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "Núñez" in pdf_text(response.getvalue())


def _language(code, name):
    from people.models import Language

    return Language.objects.get_or_create(code=code, defaults={"name": name})[0]


def test_the_date_is_written_out_in_the_sheets_language(day):
    day.event.languages.set([_language("en", "English")])
    text = pdf_text(signin_sheet_pdf(day))
    assert f"{day.date:%A} {day.date.day} {day.date:%B %Y}" in text
    assert f"{day.date:%b}." not in text  # never "Oct. 18, 2021"


def test_headings_follow_the_events_language_whatever_the_interface(day):
    from django.utils import translation

    day.event.languages.set([_language("ru", "Russian")])
    with translation.override("en"):
        text = pdf_text(signin_sheet_pdf(day))
    assert "Подпись" in text and "Signature" not in text
    assert "понедельник, 18 октября 2021" in text  # lower-case weekday, genitive month
    # An event delivered in the interface language keeps it.
    day.event.languages.set([_language("ru", "Russian"), _language("fr", "French")])
    with translation.override("fr"):
        text = pdf_text(signin_sheet_pdf(day))
    assert "Signature" in text and "octobre" in text and "Octobre" not in text


def test_every_page_says_which_of_how_many_it_is(day):
    for i in range(40):
        person = PersonFactory(given_name=f"P{i}", family_name=f"Page{i:02d}")
        EnrolmentFactory(event=day.event, person=person)
    reader = PdfReader(io.BytesIO(signin_sheet_pdf(day)))
    pages = len(reader.pages)
    assert pages >= 3
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()

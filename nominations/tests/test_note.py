"""The nominations section of the Information Note, read back from the PDF."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.information_note import build_note, render_pdf, render_text
from courses.tests.factories import TrainingEventFactory
from people.tests.factories import CountryFactory

from .helpers import invited_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    """Belgium and France invited with 2 seats each; per country one woman accepted who
    attended, one man accepted who was absent, one woman waitlisted, one man declined."""
    event = TrainingEventFactory(title="Regional training", start_date=datetime.date(2021, 5, 3))
    invited = [CountryFactory(code="BE", name="Belgium"), CountryFactory(code="FR", name="France")]
    return invited_event(event, invited, per_country=4)


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def test_the_note_pdf_has_the_nominations_section(event):
    text = pdf_text(render_pdf(build_note(event, "en")))
    assert "Nominations" in text
    assert "2 countries were invited to nominate officials: Belgium and France." in text
    assert "4 seats were offered. 4 seats were used." in text
    assert "8 officials were nominated (4 women, 4 men)." in text
    assert "4 were accepted (2 women, 2 men)." in text
    assert "2 are on the waitlist. 2 accepted officials did not attend." in text
    # The table: country, seats offered, nominated (women), accepted (women), waitlisted, no-shows.
    assert "Belgium 2 4 (2) 2 (1) 1 1" in text
    assert "France 2 4 (2) 2 (1) 1 1" in text
    assert "Total 4 8 (4) 4 (2) 2 2" in text
    # The section comes after the Highlights (the footnote, drawn first, reads first).
    assert text.index("Highlights") < text.index("countries were invited")


def test_the_note_text_and_page_have_the_section(event, coordinator_client):
    text = render_text(build_note(event, "en"))
    assert "\nNominations\n" in text
    assert "8 officials were nominated (4 women, 4 men)." in text
    assert any(
        line.split() == ["Belgium", "2", "4", "(2)", "2", "(1)", "1", "1"] for line in text.splitlines()
    )
    page = coordinator_client.get(reverse("courses:event-note", args=[event.pk])).content.decode()
    assert "2 countries were invited to nominate officials: Belgium and France." in page
    assert "<td>4 (2)</td>" in page


def test_one_country_and_nobody_nominated_yet_reads_in_the_singular():
    event = TrainingEventFactory()
    invited_event(event, [CountryFactory(code="BE", name="Belgium")], per_country=0)
    note = build_note(event, "en")
    (section,) = note.sections
    assert section.paragraphs == [
        "1 country was invited to nominate officials: Belgium. 2 seats were offered. 0 seats were used.",
        "No official has been nominated yet.",
    ]
    assert section.table[-1] == ["Total", "2", "0 (0)", "0 (0)", "0", "0"]


def test_an_event_without_invitations_has_no_nominations_section():
    note = build_note(TrainingEventFactory(), "en")
    assert note.sections == []
    assert "Nominations" not in pdf_text(render_pdf(note))


def test_the_section_costs_two_queries_whatever_the_number_of_countries(django_assert_num_queries):
    small = invited_event(TrainingEventFactory(), [CountryFactory(code="BE", name="Belgium")])
    large = invited_event(
        TrainingEventFactory(), [CountryFactory(code=f"X{c}", name=f"Country {c}") for c in "ABCDEFGHIJ"]
    )
    from nominations.note import note_section

    for event in (small, large):
        with django_assert_num_queries(2):
            note_section(event)


def test_the_section_is_in_the_language_of_the_note(event):
    text = pdf_text(render_pdf(build_note(event, "fr")))
    assert "Désignations" in text
    assert "2 pays ont été invités à désigner des fonctionnaires" in text
    assert "4 places ont été proposées. 4 places ont été occupées." in text
    assert "8 fonctionnaires ont été désignés (4 femmes, 4 hommes)." in text
    assert "Places proposées" in text

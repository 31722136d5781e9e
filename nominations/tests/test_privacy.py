import datetime
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from courses.tests.factories import TrainingEventFactory
from nominations.models import Nomination
from nominations.services.decisions import PRIVACY_NOTICE_VERSION, accept, decline, invite_country, nominate
from people.privacy import erase_person, person_export, person_export_json
from people.tests.factories import PersonFactory

from .helpers import countries, deadline, focal_point, nominee

pytestmark = pytest.mark.django_db


def _nominated(**values):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    invitation = invite_country(event=TrainingEventFactory(capacity=None), country=country, seats=3,
                                deadline=deadline())
    return nominate(invitation=invitation, values=nominee(1, **values), consent=True, focal_point=fp,
                    letter=ContentFile(LETTER, name="x.pdf"))


LETTER = b"%PDF-1.4\n% the administration's letter\n%%EOF\n"


def _pdf(client, person) -> tuple[str, dict]:
    """The PDF export as the coordinator downloads it: its text (one line per line, spaces
    normalised) and its attachments."""
    response = client.get(reverse("people:person-export-pdf", args=[person.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.getvalue()))
    lines = (line for page in reader.pages for line in page.extract_text().splitlines())
    text = "\n".join(" ".join(line.split()) for line in lines)
    return text, {name: contents[0] for name, contents in reader.attachments.items()}


def _section(text: str) -> str:
    """The PDF's nominations section (up to the person record's history)."""
    return "\n" + text.split("\nNominations\n", 1)[1].split("\nHistory of the person record\n")[0] + "\n"


def _value(section: str, label: str) -> str:
    """The value printed next to a label (pypdf reads the two cells as two lines)."""
    return section.split(f"\n{label}\n", 1)[1].split("\n", 1)[0]


def test_consent_letter_and_history_are_in_the_export_even_before_acceptance():
    person = PersonFactory(email="ana1@example.org")
    nomination = _nominated()
    exported = person_export(person)["nominations"]
    assert [n["id"] for n in exported] == [nomination.pk]
    assert exported[0]["privacy_notice_version"] == PRIVACY_NOTICE_VERSION
    assert exported[0]["consent_given_at"] == nomination.consent_given_at
    assert exported[0]["nomination_letter"] == f"nomination-letter-{nomination.pk}.pdf"
    assert [h["reason"] for h in exported[0]["history"]] == ["Nominated", "Nomination letter attached"]
    assert "Nomination letter attached" in person_export_json(person)


def test_erasure_removes_consent_letter_and_names_from_the_nomination_and_its_history(administrator):
    nomination = accept(nomination=_nominated(latin_name="Ana Silva"))
    letter_name = nomination.letter.name
    assert default_storage.exists(letter_name)
    erase_person(person=nomination.person, reason="Request", erased_by=administrator)
    nomination.refresh_from_db()
    assert not default_storage.exists(letter_name)
    assert nomination.consent_given_at is None and nomination.privacy_notice_version == ""
    assert not nomination.letter
    assert "ana1" not in nomination.email and nomination.given_name == ""
    assert nomination.gender == "female"  # kept for the figures
    for record in Nomination.history.filter(id=nomination.pk):
        assert (record.given_name, record.latin_name, record.letter) == ("", "", "")
        assert "ana1" not in record.email
    assert person_export(nomination.person)["nominations"][0]["consent_given_at"] is None


def test_the_downloaded_pdf_shows_consent_letter_and_history_and_carries_the_letter(coordinator_client):
    """Before acceptance the nominee is known by their address only: the export finds them so."""
    person = PersonFactory(email="ANA1@example.org")
    nomination = _nominated(latin_name="Ana Silva Latin", position="Risk analyst")
    text, files = _pdf(coordinator_client, person)
    section = _section(text)
    assert f"\n{nomination.invitation.event.title} – Country AA\n" in section
    assert _value(section, "privacy notice version") == PRIVACY_NOTICE_VERSION
    consent = nomination.consent_given_at.astimezone(datetime.UTC)
    assert _value(section, "consent given at") == f"{consent:%Y-%m-%d %H:%M}+00:00"
    assert _value(section, "nomination letter") == f"nomination-letter-{nomination.pk}.pdf"
    assert "· Created · Nominated\n" in section and "· Changed · Nomination letter attached\n" in section
    assert "nominations/letters/" not in text  # the letter's storage path is not shown
    assert _value(section, "position") == "Risk analyst"
    assert _value(section, "latin name") == "Ana Silva Latin"
    assert _value(section, "nominated by") == "fp (focal point)"
    assert files == {f"nomination-letter-{nomination.pk}.pdf": LETTER}
    json_export = coordinator_client.get(reverse("people:person-export-json", args=[person.pk]))
    [row] = json.loads(json_export.getvalue())["nominations"]
    assert row["nomination_letter"] == f"nomination-letter-{nomination.pk}.pdf"
    assert [h["reason"] for h in row["history"]] == ["Nominated", "Nomination letter attached"]


def test_an_accepted_nomination_is_shown_once_with_its_decision(coordinator_client, coordinator):
    nomination = accept(nomination=_nominated(), reason="Strong profile", by=coordinator)
    text, files = _pdf(coordinator_client, nomination.person)
    # The nominations section replaces the raw rows that point at the person: shown once.
    assert text.count(f"{nomination.invitation.event.title} – Country AA") == 1
    assert "nominations/letters/" not in text
    assert _value(_section(text), "status") == "Accepted"
    assert "· Changed · Accepted: Strong profile" in text
    assert list(files) == [f"nomination-letter-{nomination.pk}.pdf"]


def test_after_erasure_the_pdf_has_no_consent_letter_names_or_typed_reasons(
    coordinator_client, coordinator, administrator
):
    nomination = _nominated(latin_name="Ana Silva Latin", position="Risk analyst")
    other = nominate(invitation=nomination.invitation, values=nominee(2), consent=True)
    accept(nomination=nomination, reason="Ana1 is strong", by=coordinator)
    decline(nomination=other, reason="Too junior", by=coordinator)
    person = Nomination.objects.get(pk=nomination.pk).person
    erase_person(person=person, reason="Request", erased_by=administrator)
    text, files = _pdf(coordinator_client, person)
    assert files == {}
    assert PRIVACY_NOTICE_VERSION not in text
    assert "nomination-letter" not in text
    for gone in ("Ana1", "Silva1", "ana1@example.org", "Ana Silva Latin", "Risk analyst", "is strong"):
        assert gone not in text
    assert "Accepted" in text  # the step stays (figures), the words typed about the nominee go
    reasons = set(Nomination.history.filter(id=nomination.pk).values_list("history_change_reason", flat=True))
    assert reasons == {"Nominated", "Nomination letter attached", "Accepted"}
    # Another nominee's record is not touched by this erasure.
    assert Nomination.history.filter(id=other.pk, history_change_reason="Declined: Too junior").exists()

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from courses.tests.factories import TrainingEventFactory
from nominations.models import Nomination
from nominations.services.decisions import PRIVACY_NOTICE_VERSION, accept, invite_country, nominate
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
                    letter=ContentFile(b"%PDF-1.4\n%%EOF\n", name="x.pdf"))


def test_consent_letter_and_history_are_in_the_export_even_before_acceptance():
    person = PersonFactory(email="ana1@example.org")
    nomination = _nominated()
    exported = person_export(person)["nominations"]
    assert [n["id"] for n in exported] == [nomination.pk]
    assert exported[0]["privacy_notice_version"] == PRIVACY_NOTICE_VERSION
    assert exported[0]["consent_given_at"] == nomination.consent_given_at
    assert exported[0]["nomination_letter"] is True
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

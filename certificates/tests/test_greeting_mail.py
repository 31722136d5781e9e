"""E-mails greet the recipient in their language, agreeing with their recorded gender where
the language needs it, and with a greeting that needs no gender otherwise (never "Estimado/a")."""

import pytest

from certificates.messages import CERTIFICATE
from mailing.kinds import kind_for
from mailing.rendering import greeting, render, wording
from mailing.services.outbox import Draft, queue_messages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language,gender,expected", [
    ("ru", "female", "Уважаемая Айгерим Касымова!"),
    ("ru", "male", "Уважаемый Айгерим Касымова!"),
    ("ru", "unknown", "Здравствуйте, Айгерим Касымова!"),
    ("es", "female", "Estimada Айгерим Касымова:"),
    ("es", "male", "Estimado Айгерим Касымова:"),
    ("es", "another", "Buenos días, Айгерим Касымова:"),
    ("fr", "female", "Bonjour Айгерим Касымова,"),
    ("en", "female", "Dear Айгерим Касымова,"),
])
def test_the_greeting_follows_language_and_recorded_gender(language, gender, expected):
    assert greeting("Айгерим Касымова", language, gender) == expected


def test_a_queued_message_opens_with_the_recipients_greeting():
    values = {"name": "Ana Silva", "title": "T", "certificate": "c", "serial": "S-1", "verify_url": "https://x/"}
    drafts = [
        Draft(kind=CERTIFICATE, to=f"{gender}@example.org", language="es", values=values,
              dedupe_key=f"greeting:{gender}", gender=gender)
        for gender in ("female", "male", "unknown")
    ]
    bodies = {m.to: m.body for m in queue_messages(drafts=drafts)}
    assert bodies["female@example.org"].startswith("Estimada Ana Silva:\n\nAdjunto encontrará su c")
    assert bodies["male@example.org"].startswith("Estimado Ana Silva:\n\n")
    assert bodies["unknown@example.org"].startswith("Buenos días, Ana Silva:\n\n")


def test_the_editor_offers_the_greeting_and_its_preview_fills_it():
    kind = kind_for(CERTIFICATE)
    assert "greeting" in kind.placeholders
    rendered = render(wording(kind, "ru"), kind.sample(), language="ru")
    assert rendered.body.startswith("Здравствуйте, Amélie Dupré!")

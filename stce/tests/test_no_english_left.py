"""No interface English left on French, Spanish and Russian pages.

Every page a signed-in persona can open is rendered in each language; any piece of text that is,
word for word, an English interface message with a different translation means a label, a
button or a heading escaped translation (a missing {% translate %}, a string built outside
gettext, a lazy string evaluated too early). Text marked `lang="en"` (curriculum content not yet
translated, shown with its English marked) and data are not messages, so they pass.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses.models import TrainingEvent
from stce.tests.test_permission_matrix import ALL_CASES
from stce.tests.world import build_world

LANGUAGES = ["fr", "es", "ru"]
PERSONAS = ["coordinator", "administrator", "trainer", "focal_point", "expert"]
SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea", "option", "title"}


class _Text(HTMLParser):
    """The page's text nodes outside scripts and outside anything marked as English."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content exempt?
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        exempt = (
            (self.stack and self.stack[-1])
            or tag in SKIPPED_TAGS
            or (attrs.get("lang") or "").startswith("en")
            or attrs.get("translate") == "no"
        )
        self.stack.append(bool(exempt))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not (self.stack and self.stack[-1]):
            self.texts.append(text)


def _messages(language: str) -> set[str]:
    """English interface messages (whole, without placeholders) translated differently."""
    catalogue = translation.trans_real.translation(language)._catalog
    found = set()
    for msgid, translated in catalogue.items():
        if not isinstance(msgid, str) or "%" in msgid or "{" in msgid or "\x04" in msgid:
            continue
        text = " ".join(msgid.split())
        if len(text) >= 4 and any(c.isalpha() for c in text) and translated != msgid:
            found.add(text)
    return found


def _text_nodes(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.texts


def test_the_text_extractor_skips_what_is_marked_english_and_scripts():
    html = (
        '<p>Bonjour</p><p lang="en">Save</p><script>var x = "Save";</script>'
        "<div>Enregistrer <b>Save</b></div><br><span>Cancel</span>"
    )
    assert _text_nodes(html) == ["Bonjour", "Enregistrer", "Save", "Cancel"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_interface_english_is_left_on_any_page(language, persona_client, trainer, other_trainer):
    world = build_world(trainer=trainer, other_trainer=other_trainer)
    # The world's events are called "National training" and "Regional training", and the expert
    # persona's username is "expert" (shown in the menu): data that reads like interface messages.
    english = _messages(language) - {event.title for event in TrainingEvent.objects.all()} - set(PERSONAS)
    assert "Save" in english or "Events" in english  # the catalogue was read
    left: dict[str, set[str]] = {}
    seen = 0
    for persona in PERSONAS:
        client: Client = persona_client(persona)
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        for case in ALL_CASES:
            if case.method != "get" or case.query or case.expect.get(persona) != 200:
                continue
            response = client.get(case.url(world))
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            seen += 1
            for text in _text_nodes(response.content.decode()):
                if text in english:
                    left.setdefault(text, set()).add(case.id)
    assert seen > 50
    assert not left, "\n".join(f"{text!r} on {sorted(ids)[:3]}" for text, ids in sorted(left.items()))

"""Turning a kind's wording and one recipient's values into the subject and body they get.

The wording uses {{ placeholder }} and nothing else: it is typed by coordinators, so it is
not a Django template (which could reach any attribute of the objects behind it). Values are
plain text computed by the sending app, and e-mails are plain text, so nothing is escaped.
"""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext, pgettext

from mailing.kinds import MessageKind
from mailing.models import MessageTemplate

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str
    edited: bool


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def unknown_placeholders(kind: MessageKind, text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in kind.placeholders})


def default_wording(kind: MessageKind, language: str) -> Wording:
    with translation.override(language):
        return Wording(subject=str(kind.subject), body=str(kind.body), edited=False)


def wordings_for(kind: MessageKind) -> dict[str, Wording]:
    """The edited wording of each language that has one (one query)."""
    return {
        t.language: Wording(subject=t.subject, body=t.body, edited=True)
        for t in MessageTemplate.objects.filter(kind=kind.key)
    }


def wording(kind: MessageKind, language: str, edited: dict[str, Wording] | None = None) -> Wording:
    edited = wordings_for(kind) if edited is None else edited
    return edited.get(language) or default_wording(kind, language)


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), "")), text or "")


def greeting(name: str, language: str, gender: str = "") -> str:
    """ "Dear Ana Silva," as the recipient's language says it to them: Spanish and Russian agree
    the word with a recorded gender ("Estimada", "Уважаемая"); otherwise a greeting that needs
    none ("Buenos días", "Здравствуйте"). The translated wordings open with {{ greeting }}."""
    with translation.override(language):
        if gender == "female":
            return pgettext("greeting a woman", "Dear %(name)s,") % {"name": name}
        if gender == "male":
            return pgettext("greeting a man", "Dear %(name)s,") % {"name": name}
        return gettext("Dear %(name)s,") % {"name": name}


def render(wording: Wording, values: dict[str, str], *, language: str = "", gender: str = "") -> Rendered:
    """Subject on one line; in the body, the lines of empty placeholders do not pile up.

    With the language (and the recipient's recorded gender), {{ greeting }} greets them by name.
    """
    if language and "name" in values and "greeting" not in values:
        values = {**values, "greeting": greeting(values["name"], language, gender)}
    subject = " ".join(fill(wording.subject, values).split())
    body = fill(wording.body, values).replace("\r\n", "\n")
    body = BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in body.split("\n"))).strip() + "\n"
    return Rendered(subject=subject, body=body)

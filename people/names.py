"""People's names: how they are stored, what they may contain, how they are searched.

One set of rules for every way a name comes in (the person form, the admin, the participant
import and the services behind them): `normalise_name()` then `name_problems()`. Person.clean()
applies both, so ModelForms (the directory's form, the enrolment page's form, the admin) and
people.services.fields.save_fields refuse the same names; the import calls them per row.

- Stored in NFC, with every kind of space made one plain space, trimmed: a name typed on a
  Mac (NFD) and the same name typed on Windows are the same text.
- Refused: line breaks, tabs and other control or invisible formatting characters (except
  the zero-width non-joiner and joiner that Persian and Indic names need), private-use and
  unassigned code points. They cannot be seen, so a name holding one looks right and is
  not found, and it breaks exports and printed lists.
- Refused: emoji and other pictographic symbols (Unicode category So, skin-tone modifiers,
  the keycap and emoji variation selector). A name with one is a slip; some emoji would even
  print (DejaVu has 😀) and end up on a certificate.
- Refused: a character that no shipped font can print, checked with documents.pdftext on the
  shaped text, the very check every PDF applies when drawing (so nothing is refused that would
  print, and nothing accepted prints as a box).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents import pdftext

# Invisible, but part of how some names are written: Persian "می‌خواهم", Indic conjuncts.
_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_EMOJI_EXTRAS = frozenset({"\u20e3", "\ufe0f"})  # keycap, emoji presentation selector


def normalise_name(text: str | None) -> str:
    """NFC, every space character a plain space, runs of spaces one, trimmed."""
    text = unicodedata.normalize("NFC", text or "")
    spaced = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)
    return " ".join(part for part in spaced.strip().split(" ") if part)


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN_CATEGORIES and char not in _ALLOWED_FORMAT


def _pictographic(char: str) -> bool:
    return (
        unicodedata.category(char) == "So"
        or char in _EMOJI_EXTRAS
        or 0x1F3FB <= ord(char) <= 0x1F3FF  # skin tones (category Sk)
    )


def name_problems(name: str) -> list[ValidationError]:
    """Why `name` (already normalised) cannot be a person's name; [] when it can."""
    problems = []
    hidden = list(dict.fromkeys(c for c in name if _hidden(c)))
    if hidden:
        problems.append(ValidationError(
            _(
                "Names cannot contain line breaks, tabs or other invisible or unassigned "
                "characters (found: %(codes)s)."
            ),
            params={"codes": ", ".join(f"U+{ord(c):04X}" for c in hidden)},
            code="hidden_characters",
        ))
    pictographs = list(dict.fromkeys(c for c in name if _pictographic(c)))
    if pictographs:
        problems.append(ValidationError(
            _("Names cannot contain emoji or other symbols: %(chars)s"),
            params={"chars": " ".join(pictographs)},
            code="symbols_in_name",
        ))
    reported = set(hidden) | set(pictographs)
    unprintable = [c for c in pdftext.unprintable_characters(name) if c not in reported]
    if unprintable:
        problems.append(ValidationError(
            _("No font of the certificates and printed lists can print these characters: %(chars)s"),
            params={"chars": " ".join(unprintable)},
            code="unprintable_name",
        ))
    return problems


def validate_name(value: str) -> None:
    """Raise a ValidationError listing every problem of the name (normalised first)."""
    problems = name_problems(normalise_name(value))
    if problems:
        raise ValidationError(problems)


# ---------------------------------------------------------------- search


def fold_for_search(*parts: str) -> str:
    """Case- and accent-insensitive text for searching names in any script.

    SQLite's LIKE folds ASCII only, so "Дмитрий" would not match "дмитрий"; we keep a folded
    copy of every searchable name and search that instead. NFKD first, so NFC and NFD input
    fold alike (and Arabic presentation forms pasted from a PDF fold to the letters).
    """
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(*, given_name: str, family_name: str, latin_name: str, email: str) -> str:
    """What the people search looks in: each word of the names and the e-mail, folded, and
    the names written solid in either order.

    The solid forms find a name typed the way its owner writes it: 王秀英 (family name then
    given name, no space, as Chinese is written) as well as 秀英王, "WangXiuying" or
    "عبدالله" for "عبد الله". Each query word must be contained in this text.
    """
    words = fold_for_search(given_name, family_name, latin_name, email or "").split()
    solid = [
        fold_for_search(family_name, given_name),
        fold_for_search(given_name, family_name),
        fold_for_search(latin_name),
    ]
    for form in solid:
        joined = "".join(form.split())
        if joined and joined not in words:
            words.append(joined)
    return " ".join(words)

"""What a native reader expects of the French, Spanish and Russian catalogues, as checks.

Each check takes a language and the entries of its catalogue (polib) and returns the problems
it finds, as (msgid, what is wrong). stce/tests/test_catalogue_rules.py runs them all and
tools/translations.py prints them after regenerating the catalogues.
"""

import json
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "locale" / "glossary.json"

# Placeholders and markup are not words of the sentence: "{{ event }}" does not mean the
# English has the word "event", and "<a href='…'>" keeps its ASCII quotes.
_NOT_TEXT = re.compile(r"%\([a-z_]+\)[sdf]|%[sd]|\{\{.*?\}\}|\{%.*?%\}|<[^>]*>|https?://\S+|%%", re.S)

NNBSP = "\u202f"


def texts(entry) -> list[str]:
    """Every translated form of an entry (one, or one per plural form)."""
    if entry.msgid_plural:
        return [text for _index, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


def prose(text: str, filler: str = " ") -> str:
    return _NOT_TEXT.sub(filler, text)


@cache
def glossary() -> list[dict]:
    terms = json.loads(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    # The longest English terms first, so that a longer one hides the shorter inside it.
    return sorted(terms, key=lambda term: -len(term["en"]))


def glossary_problems(language: str, entries) -> list[tuple[str, str]]:
    problems = []
    for entry in entries:
        english = prose(" ".join(filter(None, [entry.msgid, entry.msgid_plural])))
        for term in glossary():
            if not re.search(term["pattern"], english, re.I):
                continue
            english = re.sub(term["pattern"], " ", english, flags=re.I)
            rule = term[language]
            for text in texts(entry):
                if not re.search(rule["match"], text, re.I):
                    problems.append((entry.msgid, f"{term['en']!r} should be {rule['use']!r}"))
                for avoided in rule.get("avoid", []):
                    if re.search(avoided, prose(text), re.I):
                        problems.append((entry.msgid, f"{term['en']!r} is {rule['use']!r}, not {avoided!r}"))
    return problems


# Punctuation that French sets off with a narrow no-break space: before ; : ? ! and inside « ».
_FRENCH_TIGHT = re.compile(r"(?<=[^\s\u202f(\[/])[;:?!](?=\s|$|\u00bb)")
_FRENCH_WIDE = re.compile(r"[ \u00a0][;:?!]")
_GUILLEMETS = re.compile(r"«(?!\u202f)|(?<!\u202f)»")
_STRAIGHT_DOUBLE = re.compile(r'"')
_STRAIGHT_APOSTROPHE = re.compile(r"'")


def typography_problems(language: str, entries) -> list[tuple[str, str]]:
    problems = []
    for entry in entries:
        for text in texts(entry):
            # A placeholder stands for a word: "{{ date }}:" lacks its space like "date:" would.
            words = prose(text, filler="\ue000")
            if _STRAIGHT_DOUBLE.search(words) and language in ("fr", "es", "ru"):
                problems.append((entry.msgid, 'straight quotes "…": use « »'))
            if language == "es" and (
                words.count("?") > words.count("¿") or words.count("!") > words.count("¡")
            ):
                problems.append((entry.msgid, "Spanish opens a question with ¿ and an exclamation with ¡"))
            if language == "fr":
                if _FRENCH_TIGHT.search(words) or _FRENCH_WIDE.search(words):
                    problems.append((entry.msgid, "a narrow no-break space goes before ; : ? !"))
                if _GUILLEMETS.search(words):
                    problems.append((entry.msgid, "narrow no-break spaces go inside « »"))
                if _STRAIGHT_APOSTROPHE.search(words):
                    problems.append((entry.msgid, "the apostrophe is ’"))
    return problems


# Both genders written at once: "inscrit(e)", "inscrito/a", "записан(а)", "Уважаемый(-ая)".
_GENDER_MARKERS = {
    "fr": re.compile(r"\w\((e|e?s|ne|le|se|rice)\)|\w·e\b"),
    "es": re.compile(r"\w/(a|as|os)\b|\w\((a|as)\)"),
    "ru": re.compile(r"\w\s?\(-?(а|ая|на|ла|ась|лась|аяся|ой|ая|ий|ое|ые|ы|должна)\)"),
}


def gender_problems(language: str, entries) -> list[tuple[str, str]]:
    marker = _GENDER_MARKERS[language]
    return [
        (entry.msgid, "both genders at once: word it for the person or neutrally")
        for entry in entries
        for text in texts(entry)
        if marker.search(prose(text))
    ]


# A count in the English: "%(n)s days", "{{ count }} seats", "%(hours)s hours".
_COUNT = re.compile(r"%\((?:n|count|counter|number|total|days|seats|hours)\)[sd]|\{\{\s*(?:n|count)\s*\}\}")
# Numbers that count nothing in the sentence: ordinals and labels ("Day 3", "page 2 of 7",
# "attempt 2", "#12"), a bare total in brackets ("(12)") and "of 7" after another number.
_NOT_A_COUNT = re.compile(
    r"(?:\b(?:Day|day|Page|page|attempt)\s+|#)(?:%\(\w+\)[sd])"
    r"|\bof\s+%\(\w+\)[sd]"
    r"|\(\s*\{\{\s*count\s*\}\}\s*\)"
)
# A fractional number ("7.5 hours") takes the fractional form directly (pgettext), not ngettext.
_FRACTIONAL_CONTEXT = "a fractional number of hours"


def count_problems(language: str, entries) -> list[tuple[str, str]]:
    """A message that prints a count must have plural forms (ngettext / blocktranslate count)."""
    return [
        (entry.msgid, "prints a count without plural forms: use ngettext")
        for entry in entries
        if not entry.msgid_plural
        and entry.msgctxt != _FRACTIONAL_CONTEXT
        and _COUNT.search(_NOT_A_COUNT.sub(" ", entry.msgid))
    ]


CHECKS = (glossary_problems, typography_problems, gender_problems, count_problems)


def all_problems(language: str, entries) -> list[tuple[str, str]]:
    entries = [e for e in entries if e.msgid and not e.obsolete]
    return [problem for check in CHECKS for problem in check(language, entries)]

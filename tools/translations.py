"""Regenerate the catalogues from the code and fill them from locale/translations/*.json.

Each JSON file maps an English message to its translations:
    {"Reporting": {"fr": "Rapports", "es": "Informes", "ru": "Отчётность"},
     "%(n)s day": {"fr": ["%(n)s jour", "%(n)s jours"], ...}}      (plural forms as a list:
fr 2 forms; es 3 [one, millions, other]; ru 4 [one, few, many, fractions], as the catalogues'
Plural-Forms headers say)
A message with a context is keyed "context\\x04message". Messages already translated in a
catalogue keep their translation unless a JSON file gives one. Prints what is still missing
and what breaks the rules of stce/catalogue_rules.py (the glossary in locale/glossary.json,
plural forms, typography, no "(e)"); exits 1 if anything does.

Usage: .venv/bin/python tools/translations.py   (then commit locale/)
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "es", "ru")


def load_translations() -> dict:
    merged = {}
    for path in sorted((ROOT / "locale" / "translations").glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def fill(language: str, translations: dict) -> list[str]:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        given = translations.get(key, {}).get(language)
        if given is None:
            continue
        if isinstance(given, list):
            entry.msgstr_plural = dict(enumerate(given))
        else:
            entry.msgstr = given
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save(str(path))
    return [e.msgid for e in catalogue.untranslated_entries()] + [e.msgid for e in catalogue.fuzzy_entries()]


def main() -> int:
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *[f"-l{lang}" for lang in LANGUAGES],
         "--no-obsolete", "--ignore=.venv", "--ignore=var", "--verbosity=0"],
        cwd=ROOT, check=True,
    )
    translations = load_translations()
    missing = {language: fill(language, translations) for language in LANGUAGES}
    for language, messages in missing.items():
        for message in messages:
            print(f"{language}: untranslated: {message!r}")
    problems = {language: rule_problems(language) for language in LANGUAGES}
    for language, found in problems.items():
        for message, what in found:
            print(f"{language}: {message[:80]!r}: {what}")
    return 1 if any(missing.values()) or any(problems.values()) else 0


def rule_problems(language: str) -> list[tuple[str, str]]:
    """What stce/catalogue_rules.py (the glossary, plurals, typography) finds in a catalogue."""
    sys.path.insert(0, str(ROOT))
    from stce.catalogue_rules import all_problems

    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    return all_problems(language, list(catalogue))


if __name__ == "__main__":
    sys.exit(main())

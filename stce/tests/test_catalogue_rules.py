"""The translations read as a native speaker writes: one word per key term (the glossary),
the right plural for every count, French and Russian typography, no "inscrit(e)"."""

import re

import polib
import pytest
from django.conf import settings
from django.utils import translation

from stce import catalogue_rules

LANGUAGES = ["fr", "es", "ru"]
COUNTS = (1, 2, 5, 21)


def entries(language: str) -> list:
    po = polib.pofile(str(settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"))
    return [entry for entry in po if entry.msgid and not entry.obsolete]


def _report(problems) -> str:
    return "\n".join(f"{msgid[:90]!r}: {what}" for msgid, what in problems[:25])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_term_has_the_one_rendering_of_the_glossary(language):
    problems = catalogue_rules.glossary_problems(language, entries(language))
    assert not problems, f"{len(problems)} in {language}:\n{_report(problems)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_typography_of_each_language(language):
    problems = catalogue_rules.typography_problems(language, entries(language))
    assert not problems, f"{len(problems)} in {language}:\n{_report(problems)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_writes_both_genders_at_once(language):
    problems = catalogue_rules.gender_problems(language, entries(language))
    assert not problems, f"{len(problems)} in {language}:\n{_report(problems)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_that_prints_a_count_has_plural_forms(language):
    problems = catalogue_rules.count_problems(language, entries(language))
    assert not problems, f"{len(problems)} in {language}:\n{_report(problems)}"


def test_the_checks_catch_what_they_are_for():
    """Each rule, fed a bad entry, reports it (so that a passing catalogue means something)."""
    bad = {
        "fr": [
            polib.POEntry(msgid="Trainer: %(name)s", msgstr="Instructeur : %(name)s"),
            polib.POEntry(msgid='The "%(event)s" event', msgstr="L'événement « %(event)s »"),
            polib.POEntry(msgid="%(name)s is enrolled.", msgstr="%(name)s est inscrit(e)."),
            polib.POEntry(msgid="%(n)s days added.", msgstr="%(n)s jours ajoutés."),
        ],
        "ru": [
            polib.POEntry(msgid="Trainers", msgstr="Тренеры"),
            polib.POEntry(msgid="WCO region", msgstr="регион WCO"),
            polib.POEntry(msgid='The "%(event)s" event', msgstr='Мероприятие "%(event)s"'),
            polib.POEntry(msgid="%(name)s is enrolled.", msgstr="%(name)s записан(а)."),
        ],
        "es": [
            polib.POEntry(msgid="%(name)s is enrolled.", msgstr="%(name)s está inscrito/a."),
            polib.POEntry(msgid="Remove %(name)s?", msgstr="Retirar a %(name)s?"),
        ],
    }
    found = {language: {what for _msgid, what in catalogue_rules.all_problems(language, rows)}
             for language, rows in bad.items()}
    assert any("'trainer' is 'formateur'" in what for what in found["fr"])
    assert {"a narrow no-break space goes before ; : ? !", "the apostrophe is ’"} <= found["fr"]
    assert any("both genders" in what for what in found["fr"])
    assert any("use ngettext" in what for what in found["fr"])
    assert any("'trainer' is 'инструктор'" in what for what in found["ru"])
    assert any("'WCO' should be 'ВТамО'" in what for what in found["ru"])
    assert any("straight quotes" in what for what in found["ru"])
    assert any("both genders" in what for what in found["es"])
    assert "Spanish opens a question with ¿ and an exclamation with ¡" in found["es"]


# The form each language's grammar asks for (written out here, not read from the catalogues).
def _expected_form(language: str, n: int) -> int:
    if language == "fr":
        return 0 if n <= 1 else 1
    if language == "es":
        return 0 if n == 1 else 2
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_count_prints_the_plural_its_number_needs(language):
    """Each plural message, rendered through Django with 1, 2, 5 and 21, gives that form, and
    the form shows the number (Russian's "one" form also serves 21, 31…)."""
    plural = [entry for entry in entries(language) if entry.msgid_plural]
    assert len(plural) > 50
    with translation.override(language):
        for entry in plural:
            forms = [text for _index, text in sorted(entry.msgstr_plural.items())]
            placeholders = set(re.findall(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}", entry.msgid_plural))
            for n in COUNTS:
                expected = forms[_expected_form(language, n)]
                if entry.msgctxt:
                    got = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                else:
                    got = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                assert got == expected, (entry.msgid, n)
                if n > 1 or language == "ru":
                    shown = set(re.findall(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}", got))
                    assert shown == placeholders, (entry.msgid, n, got)


@pytest.mark.parametrize("language,expected", [
    ("en", ["1 day added.", "2 days added.", "5 days added.", "21 days added."]),
    ("fr", ["1 jour ajouté.", "2 jours ajoutés.", "5 jours ajoutés.", "21 jours ajoutés."]),
    ("es", ["1 día añadido.", "2 días añadidos.", "5 días añadidos.", "21 días añadidos."]),
    ("ru", ["Добавлен 1 день.", "Добавлено 2 дня.", "Добавлено 5 дней.", "Добавлен 21 день."]),
])
def test_days_read_right_in_each_language(language, expected):
    with translation.override(language):
        said = [translation.ngettext("%(n)s day added.", "%(n)s days added.", n) % {"n": n} for n in COUNTS]
    assert said == expected


@pytest.mark.parametrize("language,job,order", [
    ("fr", "fonction", "rang"),
    ("es", "cargo", "posición"),
    ("ru", "должность", "порядковый номер"),
])
def test_position_as_a_job_and_as_an_order_are_two_words(language, job, order):
    with translation.override(language):
        assert translation.pgettext("job", "position") == job
        assert translation.pgettext("order in a list", "position") == order


def test_withdraw_says_what_is_withdrawn():
    with translation.override("ru"):
        said = {
            translation.pgettext("an expert's accreditation", "Withdraw"),
            translation.pgettext("a participant", "Withdraw"),
            translation.pgettext("a nomination", "Withdraw"),
        }
    assert said == {"Отозвать аккредитацию", "Отметить отказ", "Отозвать кандидатуру"}

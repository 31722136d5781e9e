"""Date ranges as people write them in each of the interface languages; the year of a date in SQL."""

import datetime

from django.db.models import Func, IntegerField
from django.utils import formats, translation

# (day month year, day month) per language. Django's own formats say "October 18, 2021" in
# English and use the nominative month in Russian ("18 октябрь"), so the app keeps its own.
_DATE_PATTERNS = {
    "en": ("j F Y", "j F"),
    "fr": ("j F Y", "j F"),
    "es": (r"j \d\e F \d\e Y", r"j \d\e F"),
    # Russian writes "г." (год) after a year in running text: "18 октября 2021 г."
    "ru": (r"j E Y \г.", "j E"),
}


def _format(day: datetime.date, pattern: str) -> str:
    """French writes the first of the month as an ordinal: "1er juillet", never "1 juillet"."""
    if day.day == 1 and (translation.get_language() or "en")[:2] == "fr":
        pattern = pattern.replace("j", r"j\e\r", 1)
    return formats.date_format(day, pattern)


def format_date(day: datetime.date) -> str:
    """'18 October 2021', '1er juillet 2021', '18 de octubre de 2021', '18 октября 2021 г.'."""
    full, _day_month = _DATE_PATTERNS.get((translation.get_language() or "en")[:2], _DATE_PATTERNS["en"])
    return _format(day, full)


def format_date_range(start: datetime.date, end: datetime.date | None) -> str:
    """'18–22 October 2021', '30 June – 2 July 2021' or '30 December 2021 – 3 January 2022',
    in the active language ('1er–5 juillet 2021', '18–22 октября 2021 г.')."""
    full, day_month = _DATE_PATTERNS.get((translation.get_language() or "en")[:2], _DATE_PATTERNS["en"])
    if not start:
        return ""
    if not end or start == end:
        return _format(start, full)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_format(start, 'j')}–{_format(end, full)}"
    if start.year == end.year:
        return f"{_format(start, day_month)} – {_format(end, full)}"
    return f"{_format(start, full)} – {_format(end, full)}"


_DAY_PATTERNS = {
    "en": "l j F Y",
    "fr": "l j F Y",
    "es": r"l j \d\e F \d\e Y",
    "ru": r"l, j E Y \г.",
}


def format_day(day: datetime.date) -> str:
    """'Monday 23 November 2026', 'lundi 23 novembre 2026', 'понедельник, 23 ноября 2026 г.':
    a day as a sheet or a letter writes it in the active language (never "Nov. 23, 2026")."""
    language = (translation.get_language() or "en")[:2]
    text = _format(day, _DAY_PATTERNS.get(language, _DAY_PATTERNS["en"]))
    if language != "en":
        # Django capitalises some weekdays ("Понедельник"); in running text they are lower case.
        text = text[:1].lower() + text[1:]
    return text


class YearOf(Func):
    """The year of a date column, as an integer: SQLite's own strftime instead of Django's
    ExtractYear, which SQLite runs as a Python function called once per row."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)"
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(strftime('%%%%Y', %(expressions)s) AS INTEGER)"
        )

"""The dashboards as tables (what screen readers and exports get) with a chart for some.

A `Table` is the single source for the page, the chart data and the CSV/XLSX exports, so
what is drawn, read aloud and exported cannot disagree.
"""

from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from courses.models import TrainingEvent
from documents.charts import SERIES_COLOURS, bar_chart  # noqa: F401 - the dashboards' modules import them from here
from people.models import Country, Gender, Language, Region
from reporting.models import Dimension

LABEL, PEOPLE, PARTICIPATIONS, SHARE, NUMBER = "label", "people", "participations", "share", "number"
# YEAR labels a row with a year (a number in exports); PERCENT is a percentage that is not
# worked out from the row's counts (a target), so masking a small count leaves it alone.
YEAR, PERCENT = "year", "percent"
LABEL_KINDS = (LABEL, YEAR)
GENDER_COLOURS = {"female": "#7b3294", "male": "#1b7837", "another": "#e08214", "unknown": "#8c8c8c"}


@dataclass
class Column:
    label: str
    kind: str


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[list]
    chart: dict | None = None
    note: str = ""
    # A long table shows a page of its rows on the dashboard (a django Page); exports get all.
    page_obj: object = None

    @property
    def chart_id(self) -> str:
        return f"chart-data-{self.slug}"

    def html_rows(self) -> str:
        """The table body, built once in Python: a template loop (or format_html) per cell
        was most of a dashboard's response time."""
        number = _NumberFormat()
        kinds = [c.kind for c in self.columns[1:]]
        lines = []
        for row in self.rows:
            cells = "".join(
                f'<td class="text-end">{escape(number(v, k))}</td>'
                for v, k in zip(row[1:], kinds, strict=True)
            )
            lines.append(f'<tr><th scope="row">{escape(str(row[0]))}</th>{cells}</tr>')
        return mark_safe("\n".join(lines))  # noqa: S308 - every value above is escaped


class _NumberFormat:
    """Localised numbers without looking the format up again for every cell."""

    def __init__(self):
        self.thousands = get_format("THOUSAND_SEPARATOR")
        self.decimal = get_format("DECIMAL_SEPARATOR")

    def __call__(self, value, kind: str) -> str:
        if value is None:
            return "–"
        if kind in (SHARE, PERCENT):
            return f"{value:.1f}".replace(".", self.decimal)
        if isinstance(value, int):
            return f"{value:,}".replace(",", self.thousands)
        if isinstance(value, float):
            return (
                f"{value:,.1f}".replace(",", "\x00")
                .replace(".", self.decimal)
                .replace("\x00", self.thousands)
            )
        return str(value)


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def target_percent() -> float:
    return float(getattr(settings, "STCE_GENDER_TARGET", 50))


class Labels:
    """Names of regions, countries and languages: three small queries, whatever the data."""

    def __init__(self):
        self.regions = {code: _(name) for code, name in Region.objects.values_list("code", "name")}
        self.countries = {code: _(name) for code, name in Country.objects.values_list("code", "name")}
        self.languages = {code: _(name) for code, name in Language.objects.values_list("code", "name")}
        self.kinds = {k.value: str(k.label) for k in TrainingEvent.Kind}
        self.formats = {f.value: str(f.label) for f in TrainingEvent.Format}

    def of(self, dimension: str, value) -> str:
        if value in ("", None):
            return _("Not recorded")
        table = {
            Dimension.REGION: self.regions,
            Dimension.COUNTRY: self.countries,
            Dimension.LANGUAGE: self.languages,
            Dimension.KIND: self.kinds,
            Dimension.FORMAT: self.formats,
        }.get(dimension)
        return table.get(value, value) if table is not None else str(value)


def gender_columns() -> list[Column]:
    return [Column(str(g.label), PEOPLE) for g in Gender]


def gender_total_columns(total_label: str) -> list[Column]:
    """The columns every gender table has after its label: each gender, the total, women's share."""
    return [*gender_columns(), Column(total_label, PEOPLE), Column(_("Women (%)"), SHARE)]


def gender_cells(counts: list[int]) -> list:
    """The cells for `gender_total_columns`: counts in the order of Gender, total, share of women."""
    whole = sum(counts)
    return [*counts, whole, share(counts[0], whole)]


def gender_bar_chart(rows: list[list], *, horizontal: bool) -> dict:
    """Bars by gender over rows that start with a label followed by `gender_cells`."""
    return bar_chart(
        [r[0] for r in rows],
        [(str(g.label), [r[i + 1] for r in rows], GENDER_COLOURS[g.value]) for i, g in enumerate(Gender)],
        horizontal=horizontal,
    )


def sort_key(dimension: str, value: str, label: str):
    if dimension == Dimension.YEAR:
        return (0, int(value or 0), "")
    return (1 if value == "" else 0, 0, label.casefold())

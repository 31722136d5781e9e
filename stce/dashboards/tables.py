"""The dashboards as tables (what screen readers and exports get) with a chart for some.

A `Table` is the single source for the page, the chart data and the CSV/XLSX exports, so
what is drawn, read aloud and exported cannot disagree.
"""

import math
from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models import ExpertStatus
from courses.models import TrainingEvent
from stce.models import Country, Gender, Language, Region
from stce.models.figures import Dimension

from .figures import (
    GENDERS,
    PIPELINE,
    Filters,
    event_figures,
    expert_figures,
    trainee_figures,
)

LABEL, PEOPLE, PARTICIPATIONS, SHARE, NUMBER = "label", "people", "participations", "share", "number"
GENDER_COLOURS = {"female": "#7b3294", "male": "#1b7837", "another": "#e08214", "unknown": "#8c8c8c"}
SERIES_COLOURS = ["#003a70", "#0a7bbd", "#7b3294", "#1b7837", "#e08214", "#b2182b", "#8c8c8c"]


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
        if kind == SHARE:
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


def _gender_columns() -> list[Column]:
    return [Column(str(g.label), PEOPLE) for g in Gender]


def _sort_key(dimension: str, value: str, label: str):
    if dimension == Dimension.YEAR:
        return (0, int(value or 0), "")
    return (1 if value == "" else 0, 0, label.casefold())


def _bar_chart(labels, series: list[tuple[str, list, str]], *, stacked=True, horizontal=False) -> dict:
    return {
        "type": "bar",
        "data": {
            "labels": labels,
            "datasets": [
                {"label": name, "data": values, "backgroundColor": colour} for name, values, colour in series
            ],
        },
        "options": {
            "indexAxis": "y" if horizontal else "x",
            "responsive": True,
            "scales": {"x": {"stacked": stacked}, "y": {"stacked": stacked, "beginAtZero": True}},
        },
    }


def headline_table(figures) -> Table:
    total = figures.total
    rows = []
    for label, attr in ((_("People trained"), "people"), (_("Participations"), "participations")):
        values = [getattr(total[g], attr) for g in GENDERS]
        whole = sum(values)
        rows.append([label, *values, whole, share(values[0], whole)])
    return Table(
        "trainees",
        _("Trainees by gender"),
        [
            Column(_("Measure"), LABEL),
            *_gender_columns(),
            Column(_("Total"), PEOPLE),
            Column(_("Women (%)"), SHARE),
        ],
        rows,
        chart={
            "type": "doughnut",
            "data": {
                "labels": [str(g.label) for g in Gender],
                "datasets": [
                    {
                        "label": _("People trained"),
                        "data": rows[0][1:5],
                        "backgroundColor": [GENDER_COLOURS[g] for g in GENDERS],
                    }
                ],
            },
            "options": {"responsive": True},
        },
        note=_(
            "Each person is counted once, however many trainings they attended; participations "
            "count every enrolment. Withdrawn enrolments and draft or cancelled events are not counted."
        ),
    )


BREAKDOWN_TITLES = {
    Dimension.YEAR: gettext_lazy("Trainees by year"),
    Dimension.REGION: gettext_lazy("Trainees by WCO region (of the training)"),
    Dimension.COUNTRY: gettext_lazy("Trainees by country (of the trainee)"),
    Dimension.KIND: gettext_lazy("Trainees by kind of training"),
    Dimension.LANGUAGE: gettext_lazy("Trainees by language of delivery"),
    Dimension.FORMAT: gettext_lazy("Trainees by format"),
}


def breakdown_table(figures, dimension: str, labels: Labels, *, chart: bool) -> Table:
    values = figures.breakdowns.get(dimension, {})
    ordered = sorted(values.items(), key=lambda kv: _sort_key(dimension, kv[0], labels.of(dimension, kv[0])))
    rows = []
    for value, counts in ordered:
        people = [counts[g].people for g in GENDERS]
        rows.append(
            [
                labels.of(dimension, value),
                *people,
                sum(people),
                share(people[0], sum(people)),
                counts.participations,
            ]
        )
    note = ""
    if dimension == Dimension.LANGUAGE:
        note = _("A training delivered in two languages counts in both.")
    return Table(
        f"trainees-by-{dimension}",
        str(BREAKDOWN_TITLES[dimension]),
        [
            Column(str(labels_header(dimension)), LABEL),
            *_gender_columns(),
            Column(_("Total people"), PEOPLE),
            Column(_("Women (%)"), SHARE),
            Column(_("Participations"), PARTICIPATIONS),
        ],
        rows,
        chart=_bar_chart(
            [r[0] for r in rows],
            [(str(g.label), [r[i + 1] for r in rows], GENDER_COLOURS[g.value]) for i, g in enumerate(Gender)],
            horizontal=dimension != Dimension.YEAR,
        )
        if chart and rows
        else None,
        note=note,
    )


def labels_header(dimension: str) -> str:
    return {
        Dimension.YEAR: _("Year"),
        Dimension.REGION: _("WCO region"),
        Dimension.COUNTRY: _("Country"),
        Dimension.KIND: _("Kind"),
        Dimension.LANGUAGE: _("Language"),
        Dimension.FORMAT: _("Format"),
    }[dimension]


def trend_table(figures) -> Table:
    target = target_percent()
    rows = []
    for value, counts in sorted(
        figures.breakdowns.get(Dimension.YEAR, {}).items(), key=lambda kv: int(kv[0])
    ):
        women, whole = counts["female"].people, counts.people
        gap = max(0, math.ceil(target * whole / 100 - women))
        rows.append([value, women, whole, share(women, whole), target, gap])
    return Table(
        "trend",
        _("Share of women trained, year by year, against the target"),
        [
            Column(_("Year"), LABEL),
            Column(_("Women"), PEOPLE),
            Column(_("Total people"), PEOPLE),
            Column(_("Women (%)"), SHARE),
            Column(_("Target (%)"), NUMBER),
            Column(_("Women short of the target"), PEOPLE),
        ],
        rows,
        chart={
            "type": "line",
            "data": {
                "labels": [r[0] for r in rows],
                "datasets": [
                    {
                        "label": _("Women (%)"),
                        "data": [r[3] for r in rows],
                        "borderColor": GENDER_COLOURS["female"],
                        "backgroundColor": GENDER_COLOURS["female"],
                    },
                    {
                        "label": _("Target (%)"),
                        "data": [target] * len(rows),
                        "borderColor": "#8c8c8c",
                        "borderDash": [6, 4],
                        "pointRadius": 0,
                    },
                ],
            },
            "options": {"responsive": True, "scales": {"y": {"min": 0, "max": 100}}},
        }
        if rows
        else None,
        note=_(
            "The gap is how many more of that year's trainees would have had to be women to reach "
            "the target: target × people trained − women trained. Everyone counts in the total, "
            "including another gender and not recorded."
        ),
    )


def expert_status_table(experts) -> Table:
    rows = []
    for status in ExpertStatus:
        counts = [experts.by_status[status.value][g] for g in GENDERS]
        rows.append([str(status.label), *counts, sum(counts), share(counts[0], sum(counts))])
    return Table(
        "experts-by-status",
        _("Experts by status and gender"),
        [
            Column(_("Status"), LABEL),
            *_gender_columns(),
            Column(_("Total"), PEOPLE),
            Column(_("Women (%)"), SHARE),
        ],
        rows,
        chart=_bar_chart(
            [r[0] for r in rows],
            [(str(g.label), [r[i + 1] for r in rows], GENDER_COLOURS[g.value]) for i, g in enumerate(Gender)],
            horizontal=True,
        ),
        note=_(
            "Experts follow the region and language filters; the period and kind filters are about "
            "trainings and do not apply to them."
        ),
    )


def pipeline_table(experts) -> Table:
    rows = []
    nominated = experts.pipeline[ExpertStatus.NOMINATED.value]
    for stage, _statuses in PIPELINE:
        counts = experts.pipeline[stage.value]
        rows.append(
            [
                str(stage.label),
                counts["female"],
                share(counts["female"], nominated["female"]),
                counts["male"],
                share(counts["male"], nominated["male"]),
                counts["another"],
                counts["unknown"],
                sum(counts.values()),
            ]
        )
    return Table(
        "pipeline",
        _("The accreditation pipeline by gender"),
        [
            Column(_("Stage reached"), LABEL),
            Column(_("Women"), PEOPLE),
            Column(_("Women left (%)"), SHARE),
            Column(_("Men"), PEOPLE),
            Column(_("Men left (%)"), SHARE),
            Column(str(Gender.ANOTHER.label), PEOPLE),
            Column(str(Gender.NOT_RECORDED.label), PEOPLE),
            Column(_("Total"), PEOPLE),
        ],
        rows,
        chart=_bar_chart(
            [r[0] for r in rows],
            [
                (_("Women"), [r[1] for r in rows], GENDER_COLOURS["female"]),
                (_("Men"), [r[3] for r in rows], GENDER_COLOURS["male"]),
            ],
            stacked=False,
        ),
        note=_(
            "How many of the nominated experts got at least this far. Not accredited experts went "
            "through the workshop; suspended and lapsed experts had been accredited; withdrawn experts "
            "count only up to the stages their recorded dates show."
        ),
    )


def gender_dashboard(filters: Filters, labels: Labels) -> list[Table]:
    trainees = trainee_figures(filters)
    experts = expert_figures(filters)
    tables = [headline_table(trainees), trend_table(trainees)]
    tables += [
        breakdown_table(trainees, d, labels, chart=d in (Dimension.REGION, Dimension.KIND))
        for d in (
            Dimension.YEAR,
            Dimension.REGION,
            Dimension.KIND,
            Dimension.LANGUAGE,
            Dimension.FORMAT,
            Dimension.COUNTRY,
        )
    ]
    tables += [expert_status_table(experts), pipeline_table(experts)]
    return tables


def programme_dashboard(filters: Filters, labels: Labels) -> list[Table]:
    trainees = trainee_figures(filters)
    experts = expert_figures(filters)
    events = event_figures(filters)
    kinds = list(TrainingEvent.Kind)
    years = sorted({year for year, _kind in events.by_year_and_kind})
    by_year = [[str(y), *[events.by_year_and_kind.get((y, k.value), 0) for k in kinds]] for y in years]
    for row in by_year:
        row.append(sum(row[1:]))
    delivered = sum(events.by_year_and_kind.values())
    accredited = sum(experts.by_status[ExpertStatus.ACCREDITED.value].values())
    key = Table(
        "key-figures",
        _("Key figures"),
        [Column(_("Figure"), LABEL), Column(_("Value"), NUMBER)],
        [
            [_("Trainings delivered"), delivered],
            [_("Officials trained (people)"), trainees.total.people],
            [_("Participations"), trainees.total.participations],
            [_("Countries reached (trainees' countries)"), trainees.countries_reached],
            [_("Administrations reached (trainees' organisations)"), trainees.administrations_reached],
            [_("Host countries of trainings"), events.host_countries],
            [_("Accredited experts"), accredited],
        ],
        note=_(
            "Computed from the records: trainings that are neither draft nor cancelled, enrolments "
            "that were not withdrawn."
        ),
    )
    trainings = Table(
        "trainings-by-year",
        _("Trainings delivered by kind and year"),
        [
            Column(_("Year"), LABEL),
            *[Column(str(k.label), NUMBER) for k in kinds],
            Column(_("Total"), NUMBER),
        ],
        by_year,
        chart=_bar_chart(
            [r[0] for r in by_year],
            [
                (str(k.label), [r[i + 1] for r in by_year], SERIES_COLOURS[i % len(SERIES_COLOURS)])
                for i, k in enumerate(kinds)
            ],
        )
        if by_year
        else None,
    )
    officials = breakdown_table(trainees, Dimension.YEAR, labels, chart=True)
    officials.title = _("Officials trained by year")
    regions = [*labels.regions, ""]
    region_rows = []
    for status in ExpertStatus:
        counts = [experts.by_status_and_region[status.value].get(code, 0) for code in regions]
        region_rows.append([str(status.label), *counts, sum(counts)])
    experts_by_region = Table(
        "experts-by-region",
        _("Experts by status and region"),
        [
            Column(_("Status"), LABEL),
            *[Column(labels.of(Dimension.REGION, c), PEOPLE) for c in regions],
            Column(_("Total"), PEOPLE),
        ],
        region_rows,
    )
    ttt_rows = sorted(
        ([labels.of(Dimension.LANGUAGE, code), n] for code, n in events.ttt_by_language.items()),
        key=lambda r: r[0].casefold(),
    )
    ttt = Table(
        "ttt-by-language",
        _("Train-the-Trainer workshops by language"),
        [Column(_("Language"), LABEL), Column(_("Workshops"), NUMBER)],
        ttt_rows,
        chart=_bar_chart(
            [r[0] for r in ttt_rows],
            [(_("Workshops"), [r[1] for r in ttt_rows], SERIES_COLOURS[0])],
            horizontal=True,
        )
        if ttt_rows
        else None,
        note=_("A workshop delivered in two languages counts in both."),
    )
    return [key, trainings, officials, experts_by_region, ttt]


DASHBOARDS = {"gender": gender_dashboard, "programme": programme_dashboard}

"""The programme dashboard's knowledge-gain tables (issue "Evaluation"): what the same short
test before and after each training says participants learned, by module over the years and
by region, over the deliveries the dashboard's filters select."""

from django.utils import translation
from django.utils.translation import gettext as _

from evaluation.figures import Gain, programme_gain
from reporting.models import Dimension

from .figures import Filters, delivered_events
from .tables import (
    LABEL,
    NUMBER,
    PARTICIPATIONS,
    SERIES_COLOURS,
    SHARE,
    YEAR,
    Column,
    Labels,
    Table,
    bar_chart,
)


def _columns(*labels: Column) -> list[Column]:
    return [
        *labels,
        Column(_("Answered before"), PARTICIPATIONS),
        Column(_("Before (%)"), SHARE),
        Column(_("Answered after"), PARTICIPATIONS),
        Column(_("After (%)"), SHARE),
        Column(_("Gain (points)"), NUMBER),
    ]


def _cells(gain: Gain) -> list:
    shown = not gain.small
    return [
        gain.pre.responses,
        gain.pre.percent if shown else None,
        gain.post.responses,
        gain.post.percent if shown else None,
        gain.gain,
    ]


def _pre_post_chart(rows: list[list]) -> dict | None:
    shown = [r for r in rows if r[-1] is not None]
    if not shown:
        return None
    chart = bar_chart(
        [r[0] for r in shown],
        [
            (_("Before (%)"), [r[-4] for r in shown], SERIES_COLOURS[1]),
            (_("After (%)"), [r[-2] for r in shown], SERIES_COLOURS[0]),
        ],
        stacked=False,
        horizontal=True,
    )
    chart["options"]["scales"]["x"]["max"] = 100
    return chart


def _note() -> str:
    return _(
        "The same test before and after each training: the share of answers that were correct, over "
        "every answer to the module's questions. Counts are responses; scores of fewer than 5 "
        "respondents are not shown."
    )


def knowledge_tables(filters: Filters, labels: Labels) -> list[Table]:
    return knowledge_tables_of(delivered_events(filters), labels)


def knowledge_tables_of(events, labels: Labels) -> list[Table]:
    """The three tables over `events` (a queryset of delivered trainings: a donor's, a period's)."""
    gains = programme_gain(events, translation.get_language() or "en")
    module_rows = sorted(
        ([gains.module_labels.get(m, ""), *_cells(g)] for m, g in gains.by_module.items()),
        key=lambda r: r[0].casefold(),
    )
    year_rows = sorted(
        (
            [gains.module_labels.get(m, ""), year, *_cells(g)]
            for (m, year), g in gains.by_module_and_year.items()
        ),
        key=lambda r: (r[0].casefold(), r[1]),
    )
    region_rows = sorted(
        ([labels.of(Dimension.REGION, code), *_cells(g)] for code, g in gains.by_region.items()),
        key=lambda r: r[0].casefold(),
    )
    return [
        Table(
            "knowledge-by-module",
            _("Knowledge gain by module"),
            _columns(Column(_("Module"), LABEL)),
            module_rows,
            chart=_pre_post_chart(module_rows),
            note=_note(),
        ),
        Table(
            "knowledge-by-module-and-year",
            _("Knowledge gain by module and year"),
            _columns(Column(_("Module"), LABEL), Column(_("Year"), YEAR)),
            year_rows,
            note=_note(),
        ),
        Table(
            "knowledge-by-region",
            _("Knowledge gain by region"),
            _columns(Column(_("Region"), LABEL)),
            region_rows,
            chart=_pre_post_chart(region_rows),
            note=_note(),
        ),
    ]

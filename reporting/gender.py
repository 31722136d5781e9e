"""The gender balance dashboard: trainees and experts by gender, trend and pipeline."""

import math

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models import ExpertStatus
from people.models import Gender
from reporting.models import Dimension

from .figures import GENDERS, PIPELINE, Filters, expert_figures, trainee_figures
from .nominations import nominations_by_gender, nominations_for
from .staffing import staffing_tables
from .tables import (
    GENDER_COLOURS,
    LABEL,
    PARTICIPATIONS,
    PEOPLE,
    PERCENT,
    SHARE,
    YEAR,
    Column,
    Labels,
    Table,
    bar_chart,
    gender_bar_chart,
    gender_cells,
    gender_columns,
    gender_total_columns,
    share,
    sort_key,
    target_percent,
)


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
            *gender_columns(),
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
            "Trained: took part in a training whose last day has passed (neither draft nor cancelled; "
            "trainings still to come are the plan, on the programme dashboard): present or late on at "
            "least one day where the training recorded attendance, enrolled and not withdrawn where it "
            "recorded none. Each person is counted once, however many trainings; participations count "
            "every training each person took part in."
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
    ordered = sorted(values.items(), key=lambda kv: sort_key(dimension, kv[0], labels.of(dimension, kv[0])))
    rows = []
    for value, counts in ordered:
        people = [counts[g].people for g in GENDERS]
        rows.append([labels.of(dimension, value), *gender_cells(people), counts.participations])
    note = _(
        "Officials who took part in a training whose last day has passed (by attendance where it was "
        "recorded, by enrolment where the training recorded none); each person once per row, however "
        "many trainings."
    )
    if dimension == Dimension.LANGUAGE:
        note = _("A training delivered in two languages counts in both.")
    return Table(
        f"trainees-by-{dimension}",
        str(BREAKDOWN_TITLES[dimension]),
        [
            Column(str(labels_header(dimension)), YEAR if dimension == Dimension.YEAR else LABEL),
            *gender_total_columns(_("Total people")),
            Column(_("Participations"), PARTICIPATIONS),
        ],
        rows,
        chart=gender_bar_chart(rows, horizontal=dimension != Dimension.YEAR) if chart and rows else None,
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
            Column(_("Year"), YEAR),
            Column(_("Women"), PEOPLE),
            Column(_("Total people"), PEOPLE),
            Column(_("Women (%)"), SHARE),
            Column(_("Target (%)"), PERCENT),
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
        rows.append([str(status.label), *gender_cells([experts.by_status[status.value][g] for g in GENDERS])])
    return Table(
        "experts-by-status",
        _("Experts by status and gender"),
        [
            Column(_("Status"), LABEL),
            *gender_total_columns(_("Total")),
        ],
        rows,
        chart=gender_bar_chart(rows, horizontal=True),
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
        chart=bar_chart(
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
    tables += staffing_tables(filters, labels, experts)
    tables.append(nominations_by_gender(nominations_for(filters)))
    return tables

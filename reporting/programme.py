"""The programme figures dashboard: what has been delivered, to whom, and by whom."""

from django.utils.translation import gettext as _

from accreditation.models import ExpertStatus
from courses.models import TrainingEvent
from reporting.models import Dimension

from .delivery import activity_table, delivery_tables
from .figures import (
    AttendanceFigures,
    EventFigures,
    ExpertFigures,
    Filters,
    ScheduledFigures,
    TraineeFigures,
    cached_attendance_figures,
    event_figures,
    expert_figures,
    scheduled_figures,
    trainee_figures,
)
from .gender import breakdown_table
from .knowledge import knowledge_tables
from .nominations import nominations_by_country, nominations_for
from .tables import LABEL, NUMBER, PEOPLE, SERIES_COLOURS, YEAR, Column, Labels, Table, bar_chart


def programme_dashboard(filters: Filters, labels: Labels, *, page: str | int | None = None) -> list[Table]:
    """The tables of the programme dashboard, in the order the page shows them. `page`: the
    page of the experts' activity the dashboard page shows (None: all of it, for exports)."""
    trainees = trainee_figures(filters)
    experts = expert_figures(filters)
    events = event_figures(filters)
    scheduled = scheduled_figures(filters)
    return [
        _key_figures(trainees, experts, events, scheduled),
        _attended(cached_attendance_figures(filters, people_trained=trainees.total.people)),
        _trainings_by_year(events),
        _scheduled_by_year(scheduled),
        _officials_by_year(trainees, labels),
        _experts_by_region(experts, labels),
        _ttt_by_language(events, labels),
        *delivery_tables(filters, labels, trainees, events),
        activity_table(filters, page=page),
        nominations_by_country(nominations_for(filters), labels),
        *knowledge_tables(filters, labels),
    ]


def _key_figures(
    trainees: TraineeFigures, experts: ExpertFigures, events: EventFigures, scheduled: ScheduledFigures
) -> Table:
    delivered = sum(events.by_year_and_kind.values())
    accredited = sum(experts.by_status[ExpertStatus.ACCREDITED.value].values())
    return Table(
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
            [_("Trainings scheduled (the plan, not yet delivered)"), scheduled.trainings],
            [_("Officials enrolled in scheduled trainings"), scheduled.enrolled],
        ],
        note=_(
            "Delivered: trainings whose last day has passed, neither draft nor cancelled. Trained: "
            "officials present or late on at least one day of a delivered training that recorded "
            "attendance, or enrolled and not withdrawn in one that recorded none. Trainings still to "
            "come are counted apart, as the plan."
        ),
    )


def _attended(figures: AttendanceFigures) -> Table:
    return Table(
        "officials-attended",
        _("Officials who attended delivered trainings"),
        [Column(_("Figure"), LABEL), Column(_("Value"), NUMBER)],
        [
            [_("Officials who attended (people)"), figures.attended],
            [_("Officials who completed (met the completion rule)"), figures.completed],
            [_("Delivered trainings counted by attendance"), figures.events_with_attendance],
            [
                _("Delivered trainings counted by enrolment (no attendance recorded)"),
                figures.events_without_attendance,
            ],
        ],
        note=_(
            "Attended: present or late on at least one day of a delivered training whose attendance "
            "was recorded; where a training recorded no attendance, its enrolled officials count. "
            "Completed: met the training's completion rule (share of days attended), which needs attendance."
        )
        + " "
        + _("Attendance recorded in the last 15 minutes may not be counted yet."),
    )


def _scheduled_by_year(scheduled: ScheduledFigures) -> Table:
    kinds = {k.value: str(k.label) for k in TrainingEvent.Kind}
    rows = [
        [str(year), kinds.get(kind, kind), n, enrolled]
        for (year, kind), (n, enrolled) in sorted(scheduled.by_year_and_kind.items())
    ]
    return Table(
        "trainings-scheduled",
        _("Trainings scheduled (the plan)"),
        [
            Column(_("Year"), YEAR),
            Column(_("Kind"), LABEL),
            Column(_("Trainings"), NUMBER),
            Column(_("Officials enrolled so far"), NUMBER),
        ],
        rows,
        note=_(
            "Planned, confirmed or postponed trainings that have not ended yet. They count as "
            "delivered, and their participants as trained, only once their last day has passed."
        ),
    )


def _trainings_by_year(events: EventFigures) -> Table:
    kinds = list(TrainingEvent.Kind)
    years = sorted({year for year, _kind in events.by_year_and_kind})
    by_year = [[str(y), *[events.by_year_and_kind.get((y, k.value), 0) for k in kinds]] for y in years]
    for row in by_year:
        row.append(sum(row[1:]))
    return Table(
        "trainings-by-year",
        _("Trainings delivered by kind and year"),
        [
            Column(_("Year"), YEAR),
            *[Column(str(k.label), NUMBER) for k in kinds],
            Column(_("Total"), NUMBER),
        ],
        by_year,
        note=_("Trainings whose last day has passed, neither draft nor cancelled, by the year they started."),
        chart=bar_chart(
            [r[0] for r in by_year],
            [
                (str(k.label), [r[i + 1] for r in by_year], SERIES_COLOURS[i % len(SERIES_COLOURS)])
                for i, k in enumerate(kinds)
            ],
        )
        if by_year
        else None,
    )


def _officials_by_year(trainees: TraineeFigures, labels: Labels) -> Table:
    officials = breakdown_table(trainees, Dimension.YEAR, labels, chart=True)
    officials.title = _("Officials trained by year")
    return officials


def _experts_by_region(experts: ExpertFigures, labels: Labels) -> Table:
    regions = [*labels.regions, ""]
    region_rows = []
    for status in ExpertStatus:
        counts = [experts.by_status_and_region[status.value].get(code, 0) for code in regions]
        region_rows.append([str(status.label), *counts, sum(counts)])
    return Table(
        "experts-by-region",
        _("Experts by status and region"),
        [
            Column(_("Status"), LABEL),
            *[Column(labels.of(Dimension.REGION, c), PEOPLE) for c in regions],
            Column(_("Total"), PEOPLE),
        ],
        region_rows,
        note=_("Each expert once, by their current status and the WCO region of their country."),
    )


def _ttt_by_language(events: EventFigures, labels: Labels) -> Table:
    ttt_rows = sorted(
        ([labels.of(Dimension.LANGUAGE, code), n] for code, n in events.ttt_by_language.items()),
        key=lambda r: r[0].casefold(),
    )
    return Table(
        "ttt-by-language",
        _("Train-the-Trainer workshops by language"),
        [Column(_("Language"), LABEL), Column(_("Workshops"), NUMBER)],
        ttt_rows,
        chart=bar_chart(
            [r[0] for r in ttt_rows],
            [(_("Workshops"), [r[1] for r in ttt_rows], SERIES_COLOURS[0])],
            horizontal=True,
        )
        if ttt_rows
        else None,
        note=_("A workshop delivered in two languages counts in both."),
    )

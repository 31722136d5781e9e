"""Who delivers the programme, by gender: trainers and speakers across every delivered
training, and accredited experts by region.

The event page shows one training's trainers by gender; donors ask the same question of the
whole programme ("how many of the people at the front of the room are women, and where?").
Staffing is small (a few people per training), so it is counted live over the assignments,
in one query for the four tables, whatever the size of the programme.
"""

import numpy as np
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.dates import YearOf
from courses.models import TrainerAssignment
from reporting.models import Dimension

from .cells import people_and_genders, people_by_value
from .figures import GENDERS, ExpertFigures, Filters, delivered_events
from .tables import (
    LABEL,
    PARTICIPATIONS,
    YEAR,
    Column,
    Labels,
    Table,
    gender_bar_chart,
    gender_cells,
    gender_total_columns,
    sort_key,
)

ROLE = "role"
STAFFING_DIMENSIONS = (Dimension.YEAR, Dimension.REGION, ROLE, Dimension.KIND)
TITLES = {
    Dimension.YEAR: gettext_lazy("Trainers and speakers by year"),
    Dimension.REGION: gettext_lazy("Trainers and speakers by WCO region (of the training)"),
    ROLE: gettext_lazy("Trainers and speakers by role"),
    Dimension.KIND: gettext_lazy("Trainers and speakers by kind of training"),
}
HEADERS = {
    Dimension.YEAR: gettext_lazy("Year"),
    Dimension.REGION: gettext_lazy("WCO region"),
    ROLE: gettext_lazy("Role"),
    Dimension.KIND: gettext_lazy("Kind"),
}


def staffing_counts(filters: Filters, dimension: str) -> dict[str, dict]:
    """value → {"people": {gender: distinct people}, "assignments": n}, for delivered trainings.

    A person who led two trainings in 2023 counts once in 2023's row and twice in its
    assignments; in two different years they count once in each year.
    """
    return all_staffing_counts(filters)[dimension]


def all_staffing_counts(filters: Filters) -> dict[str, dict[str, dict]]:
    """`staffing_counts` for every dimension at once, in one query: every assignment with its
    person's gender and its training's year, region and kind (no grouping in the database,
    which cost more than the counting), then each dimension's distinct people counted with
    array operations (reporting.cells)."""
    rows = list(
        TrainerAssignment.objects.filter(event__in=delivered_events(filters))
        .order_by()
        .annotate(
            year=YearOf("event__start_date"),
            region=Coalesce("event__region_id", "event__host_country__region_id"),
            kind=F("event__kind"),
        )
        # In the order of STAFFING_DIMENSIONS.
        .values_list("person_id", "person__gender", "year", "region", "role", "kind")
    )
    if not rows:
        return {dimension: {} for dimension in STAFFING_DIMENSIONS}
    gender_values = list(GENDERS)  # and any value outside the choices, as it comes
    gender_index = {gender: i for i, gender in enumerate(gender_values)}
    genders = np.fromiter(
        (gender_index.setdefault(row[1], len(gender_index)) for row in rows), dtype=np.intp, count=len(rows)
    )
    gender_values += [g for g in gender_index if g not in GENDERS]
    people = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    person, size, gender_of = people_and_genders(people, genders)
    counts: dict[str, dict] = {}
    for position, dimension in enumerate(STAFFING_DIMENSIONS, start=2):
        values = ["" if row[position] is None else str(row[position]) for row in rows]
        distinct = sorted(set(values))
        index = {value: i for i, value in enumerate(distinct)}
        codes = np.fromiter((index[value] for value in values), dtype=np.intp, count=len(values))
        people = people_by_value(person, size, codes, len(distinct), gender_of, len(gender_values))
        assignments = np.bincount(codes, minlength=len(distinct))
        counts[dimension] = {
            value: {
                "people": {gender: int(people[i, g]) for g, gender in enumerate(gender_values)},
                "assignments": int(assignments[i]),
            }
            for i, value in enumerate(distinct)
        }
    return counts


def _label(dimension: str, value: str, labels: Labels) -> str:
    if dimension == ROLE:
        return str(TrainerAssignment.Role(value).label) if value in TrainerAssignment.Role.values else value
    return labels.of(dimension, value)


def staffing_table(counts: dict[str, dict], dimension: str, labels: Labels) -> Table:
    ordered = sorted(
        counts.items(), key=lambda kv: sort_key(dimension, kv[0], _label(dimension, kv[0], labels))
    )
    rows = []
    for value, cell in ordered:
        people = [cell["people"][g] for g in GENDERS]
        rows.append([_label(dimension, value, labels), *gender_cells(people), cell["assignments"]])
    return Table(
        f"staff-by-{dimension}",
        str(TITLES[dimension]),
        [
            Column(str(HEADERS[dimension]), YEAR if dimension == Dimension.YEAR else LABEL),
            *gender_total_columns(_("Total people")),
            Column(_("Assignments"), PARTICIPATIONS),
        ],
        rows,
        chart=gender_bar_chart(rows, horizontal=dimension != Dimension.YEAR)
        if rows and dimension in (Dimension.YEAR, ROLE)
        else None,
        note=_(
            "Lead trainers, co-trainers, guest speakers and mentors assigned to delivered trainings. "
            "Each person counts once per row, however many trainings they staffed there; assignments "
            "count every training they staffed."
        ),
    )


def accredited_experts_by_region(experts: ExpertFigures, labels: Labels) -> Table:
    """Accredited experts by the WCO region of their country and gender, from the experts'
    figures (which the region and language filters narrow)."""
    by_region = experts.accredited_by_region
    rows = []
    for code, counts in sorted(
        by_region.items(),
        key=lambda kv: sort_key(Dimension.REGION, kv[0], labels.of(Dimension.REGION, kv[0])),
    ):
        rows.append([labels.of(Dimension.REGION, code), *gender_cells([counts[g] for g in GENDERS])])
    return Table(
        "accredited-experts-by-region",
        _("Accredited experts by WCO region and gender"),
        [
            Column(_("WCO region"), LABEL),
            *gender_total_columns(_("Total")),
        ],
        rows,
        note=_(
            "Experts whose accreditation is in force today, by the region of their own country. "
            "The period and kind filters are about trainings and do not apply to them."
        ),
    )


def staffing_tables(filters: Filters, labels: Labels, experts: ExpertFigures) -> list[Table]:
    counts = all_staffing_counts(filters)
    return [
        *(staffing_table(counts[dimension], dimension, labels) for dimension in STAFFING_DIMENSIONS),
        accredited_experts_by_region(experts, labels),
    ]

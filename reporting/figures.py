"""The dashboard figures, read from the summary rows (see reporting.models).

Every function here runs a fixed number of queries whatever the size of the programme:
the unfiltered figures come from `TraineeFigure` in one query; with a filter, distinct
people are counted over the packed cells of the slices the filter selects (reporting.cells,
two queries).
"""

from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Max,
    Min,
    Q,
    Sum,
)

from accreditation.models import Expert, ExpertStatus
from courses.dates import YearOf
from courses.models import Enrolment, TrainingEvent
from people.models import Gender
from reporting import completions
from reporting.cells import (
    BREAKDOWN_COLUMNS,
    CannotPack,
    country_code,
    packed_rows,
    participations_by_value,
    people_and_genders,
    people_by_value,
)
from reporting.models import (
    NO_ORGANISATION,
    Dimension,
    TraineeFigure,
    TraineeFiguresVersion,
    TraineeLanguageSlice,
    TraineeSlice,
)

GENDERS = [g.value for g in Gender]  # female, male, another, unknown: the order of every table
BREAKDOWNS = [
    Dimension.YEAR,
    Dimension.REGION,
    Dimension.COUNTRY,
    Dimension.KIND,
    Dimension.LANGUAGE,
    Dimension.FORMAT,
]


@dataclass(frozen=True)
class Filters:
    """What the whole dashboard is narrowed to; None means "any"."""

    year_from: int | None = None
    year_to: int | None = None
    region: str | None = None
    kind: str | None = None
    language: str | None = None

    @property
    def cache_key(self) -> str:
        return "-".join(
            str(v or "") for v in (self.year_from, self.year_to, self.region, self.kind, self.language)
        )

    @property
    def is_empty(self) -> bool:
        return not any((self.year_from, self.year_to, self.region, self.kind, self.language))


@dataclass
class Count2:
    people: int = 0
    participations: int = 0


class GenderCounts(dict):
    """gender → Count2, with every gender present (zero when nobody)."""

    def __init__(self):
        super().__init__((g, Count2()) for g in GENDERS)

    @property
    def people(self) -> int:
        return sum(c.people for c in self.values())

    @property
    def participations(self) -> int:
        return sum(c.participations for c in self.values())


@dataclass
class TraineeFigures:
    total: GenderCounts
    # dimension → value → GenderCounts
    breakdowns: dict[str, dict[str, GenderCounts]]
    countries_reached: int
    administrations_reached: int


def _slice_queryset(filters: Filters, *, by_language: bool):
    model = TraineeLanguageSlice if (by_language or filters.language) else TraineeSlice
    qs = model.objects.filter(n__gt=0)
    if filters.year_from:
        qs = qs.filter(year__gte=filters.year_from)
    if filters.year_to:
        qs = qs.filter(year__lte=filters.year_to)
    if filters.region:
        qs = qs.filter(region=filters.region)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.language:
        qs = qs.filter(language=filters.language)
    return qs.order_by()


def trainee_figures(filters: Filters) -> TraineeFigures:
    """People trained and participations by gender, overall and per breakdown.

    Unfiltered: one query on the figure rows. Filtered: distinct people counted over the
    packed cells of the slices, cached under the version counter that every change of a
    slice increments, so a cached figure is never stale.
    """
    filters = _without_period_covering_everything(filters)
    if filters.is_empty:
        return _count_trainees(filters)
    version = TraineeFiguresVersion.objects.values_list("counter", flat=True).first()
    if version is None:
        return _count_trainees(filters)
    key = f"stce:trainee-figures:{version}:{filters.cache_key}"
    figures = cache.get(key)
    if figures is None:
        figures = _count_trainees(filters)
        cache.set(key, figures, timeout=24 * 3600)
    return figures


def _without_period_covering_everything(filters: Filters) -> Filters:
    """A period that spans every year with trainees is no filter: drop it, take the fast path."""
    if not (filters.year_from or filters.year_to):
        return filters
    years = TraineeFigure.objects.filter(dimension=Dimension.YEAR, people__gt=0).aggregate(
        first=Min("value"), last=Max("value")
    )
    if years["first"] is None:
        return filters
    if (filters.year_from or 0) <= int(years["first"]) and (filters.year_to or 9999) >= int(years["last"]):
        return replace(filters, year_from=None, year_to=None)
    return filters


def _count_trainees(filters: Filters) -> TraineeFigures:
    total = GenderCounts()
    breakdowns: dict[str, dict[str, GenderCounts]] = {d.value: defaultdict(GenderCounts) for d in BREAKDOWNS}
    if filters.is_empty:
        organisations = set()
        rows = TraineeFigure.objects.filter(people__gt=0).values_list(
            "dimension", "value", "gender", "people", "participations"
        )
        for dimension, value, gender, people, participations in rows:
            if dimension == Dimension.ALL:
                total[gender] = Count2(people, participations)
            elif dimension == Dimension.ORGANISATION:
                if value != str(NO_ORGANISATION):
                    organisations.add(value)
            else:
                breakdowns[dimension][value][gender] = Count2(people, participations)
        administrations = len(organisations)
    else:
        try:
            administrations = _count_packed_trainees(filters, total, breakdowns)
        except CannotPack:
            total, breakdowns = GenderCounts(), {d.value: defaultdict(GenderCounts) for d in BREAKDOWNS}
            administrations = _count_filtered_trainees(filters, total, breakdowns)
    countries = breakdowns[Dimension.COUNTRY]
    return TraineeFigures(
        total=total,
        breakdowns={k: dict(v) for k, v in breakdowns.items()},
        countries_reached=sum(1 for code, counts in countries.items() if code and counts.people),
        administrations_reached=administrations,
    )


def _count_packed_trainees(
    filters: Filters, total: GenderCounts, breakdowns: dict[str, dict[str, GenderCounts]]
) -> int:
    """Distinct people over the slices the filters select, into `total` and `breakdowns`,
    counted over the packed cells (reporting.cells); returns the administrations reached.

    A person's gender, country and organisation are the same on all their slices (the
    person's trigger keeps them so): they are read once per person. A dimension that a
    filter pins to one value breaks down to the total. Raises CannotPack where a slice holds
    what the packed columns cannot (then `_count_filtered_trainees` counts in the database).
    """
    pinned = _pinned_dimensions(filters)
    rows = packed_rows(filters, by_language=False)
    # Read whether or not anyone was trained: the same queries whatever the data.
    by_language = (
        None
        if Dimension.LANGUAGE in pinned
        else packed_rows(filters, by_language=True, columns=BREAKDOWN_COLUMNS)
    )
    if not len(rows.people):
        return 0
    person, size, gender_of = people_and_genders(rows.people, rows.genders)
    country_of = np.zeros(size, dtype=np.uint16)
    country_of[person] = rows.countries
    trained = np.flatnonzero(np.bincount(person, minlength=size))
    genders = len(GENDERS)
    people = np.bincount(
        country_of[trained].astype(np.intp) * genders + gender_of[trained], minlength=65536 * genders
    )
    participations = np.bincount(
        rows.countries.astype(np.intp) * genders + rows.genders,
        weights=rows.participations,
        minlength=65536 * genders,
    )
    for country_and_gender in np.flatnonzero(people):
        country, gender = divmod(int(country_and_gender), genders)
        counts = Count2(int(people[country_and_gender]), int(participations[country_and_gender]))
        code, gender_value = country_code(country), GENDERS[gender]
        breakdowns[Dimension.COUNTRY][code][gender_value] = counts
        previous = total[gender_value]
        total[gender_value] = Count2(
            previous.people + counts.people, previous.participations + counts.participations
        )
    organisations = np.unique(rows.organisations[rows.organisations != NO_ORGANISATION])
    for dimension in _counted_apart(breakdowns, pinned, total):
        if dimension == Dimension.LANGUAGE:
            _add_packed_breakdown(breakdowns[dimension], by_language, dimension)
        else:
            _add_packed_breakdown(breakdowns[dimension], rows, dimension, dense=(person, size, gender_of))
    return len(organisations)


def _counted_apart(
    breakdowns: dict[str, dict[str, GenderCounts]], pinned: dict[str, str], total: GenderCounts
):
    """The breakdowns left to count once the total and countries are: a dimension pinned by a
    filter to one value breaks down to the total, here."""
    for dimension in BREAKDOWNS:
        if dimension == Dimension.COUNTRY:
            continue
        if dimension in pinned:
            if total.people:
                breakdowns[dimension][pinned[dimension]].update(total)
            continue
        yield dimension


def _add_packed_breakdown(into: dict[str, GenderCounts], rows, dimension: str, dense=None) -> None:
    if not len(rows.people):
        return
    person, size, gender_of = dense or people_and_genders(rows.people, rows.genders)
    values, codes = rows.values_of(dimension.value)
    people = people_by_value(person, size, codes, len(values), gender_of)
    participations = participations_by_value(codes, len(values), rows)
    for code, gender in zip(*np.nonzero(people), strict=True):
        into[str(values[code])][GENDERS[gender]] = Count2(
            int(people[code, gender]), int(participations[code, gender])
        )


def _count_filtered_trainees(
    filters: Filters, total: GenderCounts, breakdowns: dict[str, dict[str, GenderCounts]]
) -> int:
    """Distinct people over the slices the filters select, counted by the database; only
    where the packed cells cannot hold the slices (`_count_packed_trainees`).

    Counting distinct people is what makes a filtered view slow, so it is done as few times
    as the figures allow. A person's gender, country and organisation are the same on all
    their slices (the person's trigger keeps them so), so one count by (country, organisation,
    gender) gives the total, the countries and the administrations at once. A dimension that a
    filter pins to one value (region, kind, language, a single year) breaks down to the total.
    """
    by_person = (
        _slice_queryset(filters, by_language=False)
        .values("country", "organisation_id", "gender")
        .annotate(people=Count("person_id", distinct=True), participations=Sum("n"))
    )
    organisations = set()
    for row in by_person:
        gender, people, participations = row["gender"], row["people"], row["participations"]
        for target in (total, breakdowns[Dimension.COUNTRY][row["country"]]):
            counted = target.get(gender, Count2())
            target[gender] = Count2(counted.people + people, counted.participations + participations)
        if row["organisation_id"] != NO_ORGANISATION:
            organisations.add(row["organisation_id"])
    for dimension in _counted_apart(breakdowns, _pinned_dimensions(filters), total):
        counted = (
            _slice_queryset(filters, by_language=dimension == Dimension.LANGUAGE)
            .values(dimension.value, "gender")
            .annotate(people=Count("person_id", distinct=True), participations=Sum("n"))
        )
        for row in counted:
            breakdowns[dimension][str(row[dimension.value])][row["gender"]] = Count2(
                row["people"], row["participations"]
            )
    return len(organisations)


def _pinned_dimensions(filters: Filters) -> dict[str, str]:
    pinned = {
        Dimension.REGION: filters.region,
        Dimension.KIND: filters.kind,
        Dimension.LANGUAGE: filters.language,
    }
    if filters.year_from and filters.year_from == filters.year_to:
        pinned[Dimension.YEAR] = str(filters.year_from)
    return {dimension: value for dimension, value in pinned.items() if value}


# The accreditation pipeline: an expert has reached a stage when their status is at or past
# it. Statuses off the main path count for the stages they must have passed: "not
# accredited" went through the workshop; suspended and lapsed experts were accredited.
# A withdrawal says nothing of how far they got, so only the recorded dates count for them.
PIPELINE = [
    (ExpertStatus.NOMINATED, set(ExpertStatus.values)),
    (
        ExpertStatus.SELECTED,
        {"selected", "in_workshop", "pre_accredited", "accredited", "not_accredited", "suspended", "lapsed"},
    ),
    (
        ExpertStatus.IN_WORKSHOP,
        {"in_workshop", "pre_accredited", "accredited", "not_accredited", "suspended", "lapsed"},
    ),
    (ExpertStatus.PRE_ACCREDITED, {"pre_accredited", "accredited", "suspended", "lapsed"}),
    (ExpertStatus.ACCREDITED, {"accredited", "suspended", "lapsed"}),
]


@dataclass
class ExpertFigures:
    # status → gender → count
    by_status: dict[str, dict[str, int]]
    # stage → gender → count of experts who reached it
    pipeline: dict[str, dict[str, int]]
    # status → region code ('' not recorded) → count
    by_status_and_region: dict[str, dict[str, int]]
    # region code ('' not recorded) → gender → accredited experts
    accredited_by_region: dict[str, dict[str, int]]


def reached_stage(stage: str, status: str, *, pre_accredited: bool, accredited: bool) -> bool:
    """Whether an expert with this status (and these recorded dates) got as far as `stage`."""
    if stage == ExpertStatus.PRE_ACCREDITED and (pre_accredited or accredited):
        return True
    if stage == ExpertStatus.ACCREDITED and accredited:
        return True
    if stage in (ExpertStatus.SELECTED, ExpertStatus.IN_WORKSHOP) and (pre_accredited or accredited):
        return True
    return status in dict(PIPELINE)[stage]


def expert_figures(filters: Filters) -> ExpertFigures:
    """Experts by status, gender and region, and the pipeline by gender, in one query.

    Experts follow the region (of their own country) and language filters; the period and
    kind filters are about trainings and do not apply to them.
    """
    experts = Expert.objects.all()
    if filters.region:
        experts = experts.filter(person__country__region_id=filters.region)
    if filters.language:
        experts = experts.filter(languages=filters.language)
    rows = (
        experts.order_by()
        .values(
            "status",
            "person__gender",
            "person__country__region_id",
            pre=ExpressionWrapper(Q(pre_accredited_on__isnull=False), output_field=BooleanField()),
            acc=ExpressionWrapper(Q(accredited_on__isnull=False), output_field=BooleanField()),
        )
        .annotate(n=Count("id"))
    )
    by_status = {s: dict.fromkeys(GENDERS, 0) for s in ExpertStatus.values}
    pipeline = {stage.value: dict.fromkeys(GENDERS, 0) for stage, _ in PIPELINE}
    by_region: dict[str, dict[str, int]] = {s: defaultdict(int) for s in ExpertStatus.values}
    accredited: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(GENDERS, 0))
    for row in rows:
        status, gender, n = row["status"], row["person__gender"], row["n"]
        by_status[status][gender] += n
        by_region[status][row["person__country__region_id"] or ""] += n
        if status == ExpertStatus.ACCREDITED:
            accredited[row["person__country__region_id"] or ""][gender] += n
        for stage, _ in PIPELINE:
            if reached_stage(stage, status, pre_accredited=bool(row["pre"]), accredited=bool(row["acc"])):
                pipeline[stage][gender] += n
    return ExpertFigures(by_status, pipeline, {k: dict(v) for k, v in by_region.items()}, dict(accredited))


def delivered_events(filters: Filters):
    return filtered_events(TrainingEvent.objects.delivered(), filters)


def filtered_events(events, filters: Filters):
    if filters.year_from:
        events = events.filter(start_date__year__gte=filters.year_from)
    if filters.year_to:
        events = events.filter(start_date__year__lte=filters.year_to)
    if filters.region:
        events = events.filter(
            Q(region_id=filters.region) | Q(region__isnull=True, host_country__region_id=filters.region)
        )
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.language:
        events = events.filter(languages=filters.language)
    return events.order_by()


@dataclass
class ScheduledFigures:
    """The plan: trainings not yet over (planned, confirmed, postponed), apart from results."""

    # (year, kind) → (trainings, officials enrolled so far)
    by_year_and_kind: dict[tuple[int, str], tuple[int, int]]

    @property
    def trainings(self) -> int:
        return sum(n for n, _enrolled in self.by_year_and_kind.values())

    @property
    def enrolled(self) -> int:
        return sum(enrolled for _n, enrolled in self.by_year_and_kind.values())


def scheduled_figures(filters: Filters) -> ScheduledFigures:
    """Counted live: the plan is a few dozen trainings at most. One query."""
    events = filtered_events(TrainingEvent.objects.scheduled(), filters)
    rows = events.values("kind", year=YearOf("start_date")).annotate(
        n=Count("id", distinct=True),
        enrolled=Count("enrolments", filter=Q(enrolments__status="enrolled"), distinct=True),
    )
    return ScheduledFigures({(row["year"], row["kind"]): (row["n"], row["enrolled"]) for row in rows})


@dataclass
class EventFigures:
    # (year, kind) → number of trainings delivered
    by_year_and_kind: dict[tuple[int, str], int]
    host_countries: int
    # language code ('' none recorded) → number of TtT workshops
    ttt_by_language: dict[str, int]


def event_figures(filters: Filters) -> EventFigures:
    events = delivered_events(filters)
    by_year_and_kind = {
        (row["year"], row["kind"]): row["n"]
        for row in events.values("kind", year=YearOf("start_date")).annotate(n=Count("id"))
    }
    host_countries = events.exclude(host_country__isnull=True).aggregate(
        n=Count("host_country", distinct=True)
    )["n"]
    ttt = (
        events.filter(kind=TrainingEvent.Kind.TTT).values("languages").annotate(n=Count("id", distinct=True))
    )
    return EventFigures(by_year_and_kind, host_countries, {row["languages"] or "": row["n"] for row in ttt})


@dataclass
class AttendanceFigures:
    """Who took part in delivered trainings, by attendance where it was recorded."""

    # delivered trainings with at least one attendance record / with none (counted by enrolment)
    events_with_attendance: int
    events_without_attendance: int
    # distinct officials present (or late) on some day of a training with attendance recorded,
    # or enrolled in one without any attendance recorded
    attended: int
    # distinct officials who met a delivered training's completion rule
    completed: int = 0


# Attendance-based figures are counted from the kept per-enrolment counts
# (`EnrolmentAttendance`), one row per enrolment: fast enough to count for each view, but
# kept for a quarter of an hour all the same (recounted at once when enrolments change).
ATTENDANCE_FIGURES_SECONDS = 15 * 60


def cached_attendance_figures(filters: Filters, *, people_trained: int | None = None) -> AttendanceFigures:
    version = TraineeFiguresVersion.objects.values_list("counter", flat=True).first()
    key = f"stce:attendance-figures:{version}:{filters.cache_key}"
    figures = cache.get(key)
    if figures is None:
        figures = attendance_figures(filters, people_trained=people_trained)
        cache.set(key, figures, timeout=ATTENDANCE_FIGURES_SECONDS)
    return figures


def attendance_figures(filters: Filters, *, people_trained: int | None = None) -> AttendanceFigures:
    """Counted over the delivered events' enrolments in three queries, from the counts of
    attendance records per enrolment and per training that triggers keep
    (reporting.models.EnrolmentAttendance, EventCounts). `attended` is the trainee figures'
    people trained (the same rule): a caller that has them passes them as `people_trained`
    and saves the count over every enrolment (two queries then)."""
    events = delivered_events(filters)
    recorded = Q(counts__records__gt=0)  # the kept count of the event's attendance records
    split = events.aggregate(with_=Count("id", filter=recorded), without=Count("id", filter=~recorded))
    attended = people_trained
    if attended is None:
        attended = trained_enrolments(events).aggregate(n=Count("person_id", distinct=True))["n"]
    return AttendanceFigures(split["with_"], split["without"], attended, completed_people(filters))


def trained_enrolments(events):
    """The enrolments that make their official trained in these delivered trainings: present or
    late on some day where the training recorded attendance, enrolled (not withdrawn) where it
    recorded none. The dashboards' rule, for any set of delivered trainings (a donor's)."""
    unrecorded = events.exclude(counts__records__gt=0).values("id")
    return Enrolment.objects.filter(event__in=events.values("id"), status=Enrolment.Status.ENROLLED).filter(
        Q(attendance_counts__attended__gt=0) | Q(event__in=unrecorded)
    )


def completed_people(filters: Filters) -> int:
    """Officials who met the completion rule of a delivered training (the event page's rule,
    courses.completion), counted over each training's packed list of who completed it
    (reporting.completions): one query when every list is current."""
    return completions.completed_people(delivered_events(filters))

"""WCO-run and expert-delivered trainings side by side, and each expert's delivery activity.

Expert-delivered trainings are the accepted reports of trainings experts delivered at home
(accreditation.HomeTraining). They are not TrainingEvents and are not in the kept trainee
figures: they are counted here, directly from their own tables, in a fixed number of queries
(two for the reports, one for the WCO trainings by region, eight for a page of the activity).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accreditation.delivery import delivering_experts, delivery_activity, delivery_years
from accreditation.models import (
    Expert,
    HomeTraining,
    HomeTrainingParticipant,
    HomeTrainingStatus,
    ParticipantsGiven,
)
from courses.dates import YearOf
from courses.models import TrainingEvent
from people.models import Gender
from reporting.models import Dimension

from .figures import GENDERS, EventFigures, Filters, GenderCounts, TraineeFigures, delivered_events
from .tables import LABEL, NUMBER, PEOPLE, YEAR, Column, Labels, Table

COUNTED = {"female": "women", "male": "men", "another": "another_gender", "unknown": "gender_not_recorded"}


@dataclass
class Delivered:
    """Trainings and officials by gender, for one slice (a year, a region, or everything)."""

    trainings: int = 0
    officials: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))

    def add(self, other: "Delivered") -> "Delivered":
        return Delivered(
            self.trainings + other.trainings, {g: self.officials[g] + other.officials[g] for g in GENDERS}
        )

    def cells(self) -> list[int]:
        counts = [self.officials[g] for g in GENDERS]
        return [self.trainings, *counts, sum(counts)]


@dataclass
class ExpertDelivered:
    total: Delivered
    by_year: dict[int, Delivered]
    by_region: dict[str, Delivered]


def accepted_home_trainings(filters: Filters):
    """The accepted reports of trainings that have ended, as the dashboard's filters keep them.
    They are national trainings for the kind filter: another kind leaves them all out."""
    # Delivered as a WCO training is: once its last day has passed (reporting.figures).
    reports = HomeTraining.objects.filter(
        status=HomeTrainingStatus.ACCEPTED, end_date__lt=timezone.localdate()
    )
    if filters.kind and filters.kind != TrainingEvent.Kind.NATIONAL:
        return reports.none()
    if filters.year_from:
        reports = reports.filter(start_date__year__gte=filters.year_from)
    if filters.year_to:
        reports = reports.filter(start_date__year__lte=filters.year_to)
    if filters.region:
        reports = reports.filter(country__region_id=filters.region)
    if filters.language:
        reports = reports.filter(language_id=filters.language)
    return reports.order_by()


def expert_delivered(filters: Filters) -> ExpertDelivered:
    """Two queries: the reports by year and region (with their counted officials), and their
    named participants by year, region and gender."""
    reports = accepted_home_trainings(filters)
    total, by_year, by_region = Delivered(), defaultdict(Delivered), defaultdict(Delivered)
    counted = Q(participants_given=ParticipantsGiven.COUNTED)
    rows = reports.values(year=YearOf("start_date"), region=F("country__region_id")).annotate(
        n=Count("pk"), **{gender: Sum(name, filter=counted) for gender, name in COUNTED.items()}
    )
    for row in rows:
        slice_ = Delivered(row["n"], {g: row[g] or 0 for g in GENDERS})
        _add(total, by_year, by_region, row, slice_)
    named = (
        HomeTrainingParticipant.objects.filter(
            home_training__in=reports.filter(participants_given=ParticipantsGiven.NAMED).values("pk")
        )
        .values(
            "person__gender",
            year=YearOf("home_training__start_date"),
            region=F("home_training__country__region_id"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in named:
        officials = dict.fromkeys(GENDERS, 0)
        officials[row["person__gender"] or Gender.NOT_RECORDED] = row["n"]
        _add(total, by_year, by_region, row, Delivered(0, officials))
    return ExpertDelivered(total, dict(by_year), dict(by_region))


def _add(total: Delivered, by_year: dict, by_region: dict, row: dict, slice_: Delivered) -> None:
    for target, key in ((by_year, row["year"]), (by_region, row["region"] or "")):
        target[key] = target[key].add(slice_)
    total.trainings += slice_.trainings
    for gender in GENDERS:
        total.officials[gender] += slice_.officials[gender]


def _wco(trainees, trainings: int) -> Delivered:
    return Delivered(trainings, {g: trainees[g].people for g in GENDERS})


def wco_trainings_by_region(filters: Filters) -> dict[str, int]:
    """Delivered WCO trainings by region (the event's own, else its host country's): one query."""
    rows = (
        delivered_events(filters)
        .values(r=Coalesce("region_id", "host_country__region_id"))
        .annotate(n=Count("id"))
    )
    return {row["r"] or "": row["n"] for row in rows}


def _columns(first: list[Column]) -> list[Column]:
    return [
        *first,
        Column(_("Trainings"), NUMBER),
        *[Column(str(g.label), PEOPLE) for g in Gender],
        Column(_("Officials trained"), PEOPLE),
    ]


def _note() -> str:
    return _(
        "WCO-run: the programme's own delivered trainings and the officials they trained, each "
        "official once per row. Expert-delivered: trainings accredited experts delivered at home "
        "and reported, once a coordinator accepted them; their officials are the named participants "
        "by their recorded gender plus those counted by gender when names could not be shared, once "
        "per training. Together adds the two, so an official trained by both counts in each."
    )


def delivery_tables(
    filters: Filters, labels: Labels, trainees: TraineeFigures, events: EventFigures
) -> list[Table]:
    """The three tables of "WCO-run vs expert-delivered": in all, by year, by region."""
    experts = expert_delivered(filters)
    delivered = {"wco": _("WCO-run"), "experts": _("Expert-delivered"), "together": _("Together")}
    wco_total = _wco(trainees.total, sum(events.by_year_and_kind.values()))
    totals = Table(
        "delivery-totals",
        _("Trainings and officials trained: WCO-run vs expert-delivered"),
        _columns([Column(_("Delivered by"), LABEL)]),
        [
            [delivered["wco"], *wco_total.cells()],
            [delivered["experts"], *experts.total.cells()],
            [delivered["together"], *wco_total.add(experts.total).cells()],
        ],
        note=_note(),
    )
    wco_years: dict[int, int] = defaultdict(int)
    for (year, _kind), n in events.by_year_and_kind.items():
        wco_years[year] += n
    trainee_years = trainees.breakdowns.get(Dimension.YEAR, {})
    year_rows = []
    for year in sorted(set(wco_years) | {int(y) for y in trainee_years if y} | set(experts.by_year)):
        wco = _wco(trainee_years.get(str(year), GenderCounts()), wco_years.get(year, 0))
        expert = experts.by_year.get(year, Delivered())
        for key, figures in (("wco", wco), ("experts", expert), ("together", wco.add(expert))):
            year_rows.append([str(year), delivered[key], *figures.cells()])
    by_year = Table(
        "delivery-by-year",
        _("WCO-run and expert-delivered trainings by year"),
        _columns([Column(_("Year"), YEAR), Column(_("Delivered by"), LABEL)]),
        year_rows,
        note=_note(),
    )
    wco_regions = wco_trainings_by_region(filters)
    trainee_regions = trainees.breakdowns.get(Dimension.REGION, {})
    region_rows = []
    for code in [*labels.regions, ""]:
        wco = _wco(trainee_regions.get(code, GenderCounts()), wco_regions.get(code, 0))
        expert = experts.by_region.get(code, Delivered())
        if not (wco.cells()[-1] or wco.trainings or expert.trainings):
            continue
        for key, figures in (("wco", wco), ("experts", expert), ("together", wco.add(expert))):
            region_rows.append([labels.of(Dimension.REGION, code), delivered[key], *figures.cells()])
    by_region = Table(
        "delivery-by-region",
        _("WCO-run and expert-delivered trainings by region"),
        _columns([Column(_("WCO region"), LABEL), Column(_("Delivered by"), LABEL)]),
        region_rows,
        note=_note()
        + " "
        + _("Region: of the training's country (a WCO training's own region, if it has one)."),
    )
    return [totals, by_year, by_region]


# The dashboard page shows the activity a page of experts at a time (3,000 experts at
# `seed_scale` size would be 3,000 rows and most of the page's time); the export lists them all.
ACTIVITY_PAGE_SIZE = 50


def activity_table(filters: Filters, *, page: str | int | None = None) -> Table:
    """Each expert who delivered: the last day they did, and their deliveries per year (WCO
    events they trained at plus accepted trainings at home), latest delivery first. With
    `page`, one page of ACTIVITY_PAGE_SIZE experts, chosen from each expert's last delivery
    (one row each) before only their deliveries are read."""
    experts = Expert.objects.all()
    if filters.region:
        experts = experts.filter(person__country__region_id=filters.region)
    page_obj = None
    shown = experts
    if page is not None:
        page_obj = Paginator(delivering_experts(experts), ACTIVITY_PAGE_SIZE).get_page(page)
        shown = Expert.objects.filter(pk__in=[pk for pk, _name, _last in page_obj.object_list])
    activity = delivery_activity(experts=shown, year_from=filters.year_from, year_to=filters.year_to)
    years = delivery_years(year_from=filters.year_from, year_to=filters.year_to)
    rows = [
        [
            d.name,
            d.last_delivery.isoformat() if d.last_delivery else "",
            *[d.in_year(year) for year in years],
            sum(d.in_year(year) for year in years),
        ]
        for d in activity
    ]
    note = _(
        "Deliveries: completed WCO trainings where the expert was a trainer (not an assessor), and "
        "trainings they delivered at home that a coordinator accepted, by the year they started. "
        "Last delivery: the last day of the latest, whatever the period chosen."
    )
    if page_obj is not None and page_obj.paginator.num_pages > 1:
        note += " " + _(
            "Experts %(first)s–%(last)s of %(total)s, latest delivery first; the export lists them all."
        ) % {
            "first": number_format(page_obj.start_index(), force_grouping=True),
            "last": number_format(page_obj.end_index(), force_grouping=True),
            "total": number_format(page_obj.paginator.count, force_grouping=True),
        }
    return Table(
        "expert-delivery-activity",
        _("Experts' delivery activity"),
        [
            Column(_("Expert"), LABEL),
            Column(_("Last delivery"), LABEL),
            *[Column(str(year), NUMBER) for year in years],
            Column(_("Total"), NUMBER),
        ],
        rows,
        note=note,
        page_obj=page_obj,
    )

"""How much each expert delivers: WCO events they trained at, and trainings they delivered at
home (accepted reports). The dashboards show it; the accreditation renewal can read it (an
expert who has not delivered for years is one to ask about before renewing).

Three queries whatever the number of experts or deliveries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max

from courses.dates import YearOf
from courses.models import TrainerAssignment, TrainingEvent

from .models import Expert, HomeTraining, HomeTrainingStatus


@dataclass
class ExpertDelivery:
    expert_id: int
    name: str = ""
    country_id: str | None = None
    region_id: str | None = None
    last_delivery: datetime.date | None = None
    # year → (WCO events trained at, trainings delivered at home)
    by_year: dict[int, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @property
    def years(self) -> list[tuple[int, int, int]]:
        """(year, WCO events, trainings at home), latest year first."""
        return [(year, wco, home) for year, (wco, home) in sorted(self.by_year.items(), reverse=True)]

    @property
    def total(self) -> int:
        return sum(wco + home for wco, home in self.by_year.values())

    def in_year(self, year: int) -> int:
        return sum(self.by_year.get(year, (0, 0)))

    def _saw(self, day: datetime.date | None) -> None:
        if day is not None and (self.last_delivery is None or day > self.last_delivery):
            self.last_delivery = day


def delivered_events():
    """The WCO events an expert "delivered": completed events they trained at, not as assessor
    (as ExpertQuerySet.with_last_delivery counts them)."""
    return TrainerAssignment.objects.filter(event__status=TrainingEvent.Status.COMPLETED).exclude(
        role=TrainerAssignment.Role.ASSESSOR
    )


def delivery_activity(
    *, experts=None, year_from: int | None = None, year_to: int | None = None, names: bool = True
) -> list[ExpertDelivery]:
    """Every expert (of `experts`, a queryset, else all) who delivered something, with the
    last day they delivered and their deliveries per year, latest delivery first. The years
    narrow the counts per year; the last delivery is always the latest ever. `names`: whether
to read the experts' names and countries (a third query), which a caller that has them skips."""
    experts = Expert.objects.all() if experts is None else experts
    found: dict[int, ExpertDelivery] = {}
    at_home = (
        HomeTraining.objects.filter(status=HomeTrainingStatus.ACCEPTED, expert__in=experts.values("pk"))
        .values("expert_id", year=YearOf("start_date"))
        .annotate(n=Count("pk"), last=Max("end_date"))
        .order_by()
    )
    for row in at_home:
        delivery = found.setdefault(row["expert_id"], ExpertDelivery(row["expert_id"]))
        delivery._saw(row["last"])
        if _within(row["year"], year_from, year_to):
            delivery.by_year[row["year"]][1] += row["n"]
    wco = (
        delivered_events()
        .filter(person__expert__in=experts.values("pk"))
        .values("person__expert__id", year=YearOf("event__start_date"))
        .annotate(n=Count("event_id", distinct=True), last=Max("event__end_date"))
        .order_by()
    )
    for row in wco:
        delivery = found.setdefault(row["person__expert__id"], ExpertDelivery(row["person__expert__id"]))
        delivery._saw(row["last"])
        if _within(row["year"], year_from, year_to):
            delivery.by_year[row["year"]][0] += row["n"]
    rows = Expert.objects.filter(pk__in=list(found) if names else []).values_list(
        "pk", "person__given_name", "person__family_name", "person__country_id", "person__country__region_id"
    )
    for pk, given, family, country, region in rows:
        found[pk].name = f"{given} {family}".strip()
        found[pk].country_id, found[pk].region_id = country, region
    return sorted(found.values(), key=lambda d: (d.last_delivery or datetime.date.min, d.name), reverse=True)


def delivering_experts(experts=None) -> list[tuple[int, str, datetime.date]]:
    """(expert id, name, last day delivered) of each of `experts` who ever delivered, latest
    first and then by name, as `delivery_activity` orders them: what a page of the activity
    is chosen from before its deliveries are read. Three queries, one row per person each."""
    experts = Expert.objects.all() if experts is None else experts
    roster = {
        person_id: (pk, f"{given} {family}".strip())
        for pk, person_id, given, family in experts.order_by().values_list(
            "pk", "person_id", "person__given_name", "person__family_name"
        )
    }
    names = dict(roster.values())
    last: dict[int, datetime.date] = {}
    wco = delivered_events().values_list("person_id").annotate(last=Max("event__end_date")).order_by()
    for person_id, day in wco:
        if person_id in roster and day is not None:
            last[roster[person_id][0]] = day
    at_home = (
        HomeTraining.objects.filter(status=HomeTrainingStatus.ACCEPTED)
        .values_list("expert_id")
        .annotate(last=Max("end_date"))
        .order_by()
    )
    for expert_id, day in at_home:
        if expert_id in names and day is not None and (expert_id not in last or day > last[expert_id]):
            last[expert_id] = day
    ordered = sorted(last, key=lambda pk: (last[pk], names[pk]), reverse=True)
    return [(pk, names[pk], last[pk]) for pk in ordered]


def delivery_years(*, year_from: int | None = None, year_to: int | None = None) -> list[int]:
    """The years (within the bounds) in which the programme delivered anything: completed WCO
    trainings and accepted trainings at home. The columns of an activity table, whichever
    page of experts it shows (two queries over the trainings, not their trainers)."""
    wco = (
        TrainingEvent.objects.filter(status=TrainingEvent.Status.COMPLETED)
        .annotate(year=YearOf("start_date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by()
    )
    at_home = (
        HomeTraining.objects.filter(status=HomeTrainingStatus.ACCEPTED)
        .annotate(year=YearOf("start_date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by()
    )
    return sorted({year for year in (*wco, *at_home) if _within(year, year_from, year_to)})


def delivery_of(expert: Expert) -> ExpertDelivery | None:
    """One expert's deliveries (None when they have delivered nothing yet)."""
    activity = delivery_activity(experts=Expert.objects.filter(pk=expert.pk), names=False)
    return activity[0] if activity else None


def last_delivery(expert: Expert) -> datetime.date | None:
    """The last day this expert delivered a training, at a WCO event or at home."""
    delivery = delivery_of(expert)
    return delivery.last_delivery if delivery else None


def _within(year: int, year_from: int | None, year_to: int | None) -> bool:
    return (year_from is None or year >= year_from) and (year_to is None or year <= year_to)

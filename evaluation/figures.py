"""Knowledge gain across the programme: by module over the years and by region, read from the
per-event module results kept as answers arrive (a few rows per event), never from the answers
themselves. The events are whatever the caller counts (the dashboards' filtered deliveries).

Scores are pooled: all answers to a module's questions in the events counted, the share that
was correct; the gain is the post-test score minus the pre-test score, in points.
"""

from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.db.models.functions import Coalesce

from courses.dates import YearOf
from courses.models import Module, ModuleTranslation
from evaluation.models import Kind, ModuleResult
from evaluation.results import SMALL_GROUP, percent


@dataclass
class Pooled:
    responses: int = 0
    asked: int = 0
    correct: int = 0

    def add(self, responses: int, asked: int, correct: int) -> None:
        self.responses += responses
        self.asked += asked
        self.correct += correct

    @property
    def percent(self) -> float | None:
        return percent(self.correct, self.asked)


@dataclass
class Gain:
    pre: Pooled = field(default_factory=Pooled)
    post: Pooled = field(default_factory=Pooled)

    @property
    def small(self) -> bool:
        return 0 < min(self.pre.responses or SMALL_GROUP, self.post.responses or SMALL_GROUP) < SMALL_GROUP

    @property
    def gain(self) -> float | None:
        """None when a side has no answers, or too few respondents to show."""
        if self.pre.percent is None or self.post.percent is None or self.small:
            return None
        return round(self.post.percent - self.pre.percent, 1)

    def side(self, kind: str) -> Pooled:
        return self.pre if kind == Kind.PRE else self.post


@dataclass
class ProgrammeGain:
    by_module_and_year: dict[tuple[int, int], Gain]
    by_module: dict[int, Gain]
    by_region: dict[str, Gain]
    module_labels: dict[int, str]

    @property
    def is_empty(self) -> bool:
        return not self.by_module


def _sums(events, **groups):
    """(group values…, kind, responses, asked, correct) of the events' tests, by `groups`."""
    return (
        ModuleResult.objects.filter(event__in=events, kind__in=[Kind.PRE, Kind.POST])
        .annotate(**groups)
        .values_list(*groups, "kind")
        .annotate(n=Sum("responses"), asked=Sum("asked"), correct=Sum("correct"))
        .order_by()
    )


def programme_gain(events, language: str) -> ProgrammeGain:
    """Four queries whatever the number of events."""
    by_module_and_year: dict = {}
    by_module: dict = {}
    by_region: dict = {}
    for module_id, year, kind, responses, asked, correct in _sums(
        events, module_key=F("module_id"), year=YearOf("event__start_date")
    ):
        by_module_and_year.setdefault((module_id, year), Gain()).side(kind).add(responses, asked, correct)
        by_module.setdefault(module_id, Gain()).side(kind).add(responses, asked, correct)
    region = Coalesce("event__region_id", "event__host_country__region_id")
    for region_code, kind, responses, asked, correct in _sums(events, region=region):
        by_region.setdefault(region_code or "", Gain()).side(kind).add(responses, asked, correct)
    # Subqueries, not lists of ids: the same four queries whether or not anything was answered.
    counted = ModuleResult.objects.filter(event__in=events).values("module_id")
    titles = dict(
        ModuleTranslation.objects.filter(module__in=counted, language=language[:2]).values_list(
            "module", "title"
        )
    )
    labels = {
        pk: f"{code} {titles.get(pk) or title}"
        for pk, code, title in Module.objects.filter(pk__in=counted).values_list("pk", "code", "title")
    }
    return ProgrammeGain(by_module_and_year, by_module, by_region, labels)

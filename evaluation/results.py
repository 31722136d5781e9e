"""An event's evaluation results, each figure with the count behind it, in a fixed number of
queries whatever the event's size (aggregates in the database, not answers read one by one).

A score is the share of answers that were correct ("I don't know" counts as not correct); the
gain is the post-test score minus the pre-test score, in percentage points. Groups of fewer than
`SMALL_GROUP` respondents are masked: a gender or a country with two respondents would tell
their scores.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, Sum
from django.utils.translation import gettext as _

from courses.models import Enrolment, EventDay, TrainingEvent
from evaluation.models import Answer, EventQuestion, FeedbackQuestion, Kind, Response, in_language
from evaluation.services.setup import agenda_modules
from people.models import Country, Gender

SMALL_GROUP = 5


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Score:
    asked: int = 0
    correct: int = 0
    respondents: int = 0

    @property
    def percent(self) -> float | None:
        return percent(self.correct, self.asked)


@dataclass
class Comparison:
    """Pre and post scores of a group (a module, a gender, a country, the event)."""

    label: str
    pre: Score = field(default_factory=Score)
    post: Score = field(default_factory=Score)
    masked: bool = False

    @property
    def gain(self) -> float | None:
        if self.pre.percent is None or self.post.percent is None:
            return None
        return round(self.post.percent - self.pre.percent, 1)


@dataclass
class QuestionResult:
    position: int
    text: str
    module: str
    version: int
    pre: Score
    post: Score


@dataclass
class Rating:
    question: str
    subject: str
    answers: int
    average: float | None


@dataclass
class EventResults:
    event: TrainingEvent
    participants: int
    responses: dict[str, int]
    overall: Comparison
    modules: list[Comparison]
    questions: list[QuestionResult]
    genders: list[Comparison]
    countries: list[Comparison]
    ratings: list[Rating]
    comments: list[tuple[str, list[str]]]

    def rate(self, kind: str) -> float | None:
        return percent(self.responses.get(kind, 0), self.participants)

    @property
    def has_test(self) -> bool:
        return bool(self.questions)


def _score_rows(event, group: str):
    """(kind, group value, asked, correct, respondents) of the event's tests by `group`."""
    return (
        Response.objects.filter(event=event, kind__in=[Kind.PRE, Kind.POST])
        .values_list("kind", group)
        .annotate(asked=Sum("asked"), correct=Sum("correct"), n=Count("pk"))
        .order_by()
    )


def _comparisons(rows, labels: dict) -> dict:
    found: dict = {}
    for kind, key, asked, correct, n in rows:
        comparison = found.setdefault(key, Comparison(labels.get(key, _("Not recorded"))))
        setattr(comparison, kind, Score(asked or 0, correct or 0, n))
    for comparison in found.values():
        comparison.masked = (
            0
            < min(comparison.pre.respondents or SMALL_GROUP, comparison.post.respondents or SMALL_GROUP)
            < SMALL_GROUP
        )
    return found


def _modules(event, language) -> list[Comparison]:
    rows = (
        Answer.objects.filter(
            response__event=event, response__kind__in=[Kind.PRE, Kind.POST], item__isnull=False
        )
        .values_list("response__kind", "item__module")
        .annotate(
            asked=Count("pk"),
            correct=Count("pk", filter=Q(is_correct=True)),
            n=Count("response", distinct=True),
        )
        .order_by()
    )
    items = (
        EventQuestion.objects.filter(evaluation__event=event)
        .select_related("module")
        .prefetch_related("module__translations")
    )
    labels = {}
    for item in items:
        labels.setdefault(item.module_id, item.module.localised(language).title)
    found = _comparisons(rows, labels)
    return [found[m] for m in labels if m in found]


def _questions(event, language) -> list[QuestionResult]:
    per_item: dict = defaultdict(dict)
    rows = (
        Answer.objects.filter(response__event=event, item__isnull=False)
        .values_list("response__kind", "item")
        .annotate(asked=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )
    for kind, item_id, asked, correct in rows:
        per_item[item_id][kind] = Score(asked, correct, asked)
    items = EventQuestion.objects.filter(evaluation__event=event).select_related("version", "module")
    results = []
    for item in items:
        scores = per_item.get(item.pk, {})
        results.append(
            QuestionResult(
                item.position,
                in_language(item.version.text, language)[0],
                item.module.code,
                item.version.number,
                scores.get(Kind.PRE, Score()),
                scores.get(Kind.POST, Score()),
            )
        )
    # The questions most people miss after the training come first.
    return sorted(results, key=lambda r: (r.post.percent is None, r.post.percent or 0, r.position))


def _ratings(event, language) -> tuple[list[Rating], list[tuple[str, list[str]]]]:
    days = {
        pk: n
        for n, pk in enumerate(
            EventDay.objects.filter(event=event).order_by("date").values_list("pk", flat=True), start=1
        )
    }
    questions = {q.pk: q for q in FeedbackQuestion.objects.filter(Q(event=event) | Q(event__isnull=True))}
    modules = {m.pk: m.localised(language).title for m in agenda_modules(event)}
    answers = Answer.objects.filter(response__event=event, response__kind=Kind.FEEDBACK)
    rows = (
        answers.filter(rating__isnull=False)
        .values_list("feedback_question", "day", "module", "module__title")
        .annotate(n=Count("pk"), average=Avg("rating"))
        .order_by("feedback_question", "day", "module")
    )
    ratings = []
    for question_id, day_id, module_id, module_title, n, average in rows:
        subject = (
            _("Day %(n)d") % {"n": days.get(day_id, 0)}
            if day_id
            else modules.get(module_id, module_title)
            if module_id
            else ""
        )
        ratings.append(
            Rating(
                in_language(questions[question_id].text, language)[0],
                subject,
                n,
                round(average, 2) if average is not None else None,
            )
        )
    comments: dict[int, list[str]] = defaultdict(list)
    for question_id, text in answers.exclude(text="").values_list("feedback_question", "text").order_by("pk"):
        comments[question_id].append(text)
    return ratings, [(in_language(questions[q].text, language)[0], texts) for q, texts in comments.items()]


def event_results(event: TrainingEvent, language: str = "en") -> EventResults:
    responses = dict(
        Response.objects.filter(event=event).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    overall = _comparisons(
        [(k, "all", a, c, n) for k, _g, a, c, n in _score_rows(event, "event")], {"all": _("All")}
    ).get("all", Comparison(_("All")))
    genders = _comparisons(_score_rows(event, "gender"), {g.value: str(g.label) for g in Gender})
    country_rows = list(_score_rows(event, "country"))
    names = dict(Country.objects.filter(pk__in={r[1] for r in country_rows}).values_list("pk", "name"))
    countries = _comparisons(country_rows, {pk: _(name) for pk, name in names.items()})
    ratings, comments = _ratings(event, language)
    return EventResults(
        event=event,
        participants=Enrolment.objects.active().filter(event=event).count(),
        responses=responses,
        overall=overall,
        modules=_modules(event, language),
        questions=_questions(event, language),
        genders=[genders[g.value] for g in Gender if g.value in genders],
        countries=sorted(countries.values(), key=lambda c: c.label.casefold()),
        ratings=ratings,
        comments=comments,
    )

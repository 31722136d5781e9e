"""What participants thought of a training (feedback) and what they learned (the same short
test before and after it), tied to the curriculum's modules.

Knowledge questions belong to a module and are versioned: a version that anybody has answered
is never changed, an edit makes the next version, so results stay comparable. An event's test
is fixed (its `EventQuestion`s) the first time it is needed, from the modules on its agenda, and the
pre-test and post-test ask the same items.

Anonymity is per event. A named response keeps its enrolment; an anonymous one keeps only the
group figures (gender, country) and, apart from it, an `Answered` row says that the enrolment
has answered, with no time and no order (its key is random) that could pair the two.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.models import Enrolment, EventDay, Module, TrainingEvent
from people.models import Country

LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ru", "Русский")]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]


def in_language(texts: dict, language: str) -> tuple[str, bool]:
    """(text, missing): the text in `language`, else the English one marked as missing."""
    language = (language or "en")[:2]
    text = (texts or {}).get(language, "")
    if text:
        return text, False
    return (texts or {}).get("en", ""), language != "en"


class Question(models.Model):
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="evaluation_questions", verbose_name=_("module")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Retired questions stay in the results of past events.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["module", "position", "pk"]
        verbose_name = _("knowledge question")
        verbose_name_plural = _("knowledge questions")

    def __str__(self):
        current = self.current_version
        return in_language(current.text, "en")[0] if current else f"#{self.pk}"

    @property
    def current_version(self) -> "QuestionVersion | None":
        versions = list(self.versions.all())  # prefetched in lists
        return max(versions, key=lambda v: v.number) if versions else None


class QuestionVersion(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    # {"en": "…", "fr": "…"}; choices: [{"en": "…", "fr": "…"}, …]; correct: indexes of choices.
    text = models.JSONField(_("question"))
    choices = models.JSONField(_("choices"))
    correct = models.JSONField(_("correct answers"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_unique_number"),
        ]

    def __str__(self):
        return f"{in_language(self.text, 'en')[0]} (v{self.number})"

    def localised(self, language: str) -> tuple[str, list[str], bool]:
        """(question, choices, missing): in `language`, or in English marked as missing."""
        text, missing = in_language(self.text, language)
        choices = []
        for choice in self.choices:
            label, choice_missing = in_language(choice, language)
            choices.append(label)
            missing = missing or choice_missing
        return text, choices, missing

    def missing_languages(self) -> list[str]:
        return [
            code
            for code in LANGUAGE_CODES[1:]
            if not self.text.get(code) or any(not c.get(code) for c in self.choices)
        ]


class FeedbackQuestion(models.Model):
    """A question of the feedback form: the standard form (no event) or one event's own."""

    class Scope(models.TextChoices):
        GENERAL = "general", _("Once")
        DAY = "day", _("For each day")
        MODULE = "module", _("For each module")

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        TEXT = "text", _("Open comment")

    event = models.ForeignKey(
        TrainingEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback_questions"
    )
    scope = models.CharField(_("asked"), max_length=10, choices=Scope.choices, default=Scope.GENERAL)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RATING)
    text = models.JSONField(_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="rating") | models.Q(scope="general"),
                name="feedback_comment_asked_once",
            ),
        ]

    def __str__(self):
        return in_language(self.text, "en")[0]


class EventEvaluation(models.Model):
    event = models.OneToOneField(TrainingEvent, on_delete=models.CASCADE, related_name="evaluation")
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Anonymous: answers are stored without the person, only whether they answered. "
            "Named: results are linked to the person (needed for a pass mark)."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("post-test pass mark (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Leave empty for none. A certificate of completion then also needs this score in the post-test."
        ),
    )
    opened_in_room_on = models.DateField(_("pre-test opened in the room on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__isnull=True) | models.Q(anonymous=False),
                name="evaluation_pass_mark_needs_names",
            ),
            models.CheckConstraint(
                condition=models.Q(pass_mark__isnull=True) | models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="evaluation_pass_mark_range",
            ),
        ]

    def __str__(self):
        return str(self.event)


class EventQuestion(models.Model):
    """A question of one event's test (pre and post ask the same), fixed when first needed."""

    evaluation = models.ForeignKey(EventEvaluation, on_delete=models.CASCADE, related_name="items")
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["evaluation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "version"], name="event_question_unique_version"),
        ]

    def __str__(self):
        return f"{self.evaluation} #{self.position}"


class Kind(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")
    FEEDBACK = "feedback", _("Feedback")


class Response(models.Model):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="evaluation_responses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Named events only; an anonymous response has none (see Answered).
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluation_responses"
    )
    gender = models.CharField(max_length=10, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField()
    asked = models.PositiveSmallIntegerField(default=0)
    correct = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind"],
                condition=models.Q(enrolment__isnull=False),
                name="evaluation_response_once_per_enrolment",
            ),
        ]
        indexes = [models.Index(fields=["event", "kind"], name="evaluation_response_event_kind")]

    def __str__(self):
        return f"{self.event} – {self.get_kind_display()}"

    @property
    def score(self) -> float | None:
        return round(100 * self.correct / self.asked, 1) if self.asked else None


class Answered(models.Model):
    """That an enrolment has answered a part: no time, and a random key, so that it cannot be
    paired with an anonymous response by when or in what order they were written."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="evaluation_answered")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="evaluation_answered_once"),
        ]

    def __str__(self):
        return f"{self.enrolment_id} – {self.get_kind_display()}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(EventQuestion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    feedback_question = models.ForeignKey(
        FeedbackQuestion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    day = models.ForeignKey(EventDay, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    module = models.ForeignKey(Module, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    is_correct = models.BooleanField(null=True)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(item__isnull=False) | models.Q(feedback_question__isnull=False),
                name="evaluation_answer_has_a_question",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="evaluation_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.response} #{self.pk}"


class ModuleResult(models.Model):
    """An event's test results for one module, kept as responses arrive, so that the
    programme's figures over thousands of events read a few thousand rows, not millions."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    responses = models.PositiveIntegerField(default=0)
    asked = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "module", "kind"], name="module_result_unique"),
        ]

    def __str__(self):
        return f"{self.event_id} {self.module_id} {self.kind}"

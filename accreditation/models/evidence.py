"""Evidence an accreditation step relies on: workshop results, co-deliveries, refreshers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.models import TrainerAssignment, TrainingEvent
from people.models import Person

from .experts import Expert


class EvidenceKind(models.TextChoices):
    WORKSHOP = "workshop", _("Accreditation workshop result")
    CO_DELIVERY = "co_delivery", _("Training co-delivered under evaluation")
    REFRESHER = "refresher", _("Refresher delivered or attended")


class EvaluationResult(models.TextChoices):
    PENDING = "pending", _("Evaluation pending")
    PASSED = "passed", _("Passed: recommended for the next step")
    FAILED = "failed", _("Did not pass")


class EvidenceQuerySet(models.QuerySet):
    def with_relations(self):
        return self.select_related("event", "assessor", "assignment", "recorded_by")


class Evidence(models.Model):
    """One fact about an expert, linked to the event that shows it.

    Workshop: attendance and evaluation result at a Train-the-Trainer workshop.
    Co-delivery: the expert's trainer assignment on a completed event, evaluated by an assessor.
    Refresher: an event the accredited expert delivered or attended during their validity.
    """

    Kind = EvidenceKind
    Result = EvaluationResult

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    event = models.ForeignKey(
        TrainingEvent, on_delete=models.PROTECT, related_name="accreditation_evidence",
        verbose_name=_("event"),
    )
    attended = models.BooleanField(_("attended"), default=True)
    result = models.CharField(
        _("evaluation result"), max_length=10, choices=EvaluationResult.choices,
        default=EvaluationResult.PENDING,
    )
    assignment = models.ForeignKey(
        TrainerAssignment, on_delete=models.PROTECT, null=True, blank=True,
        related_name="accreditation_evidence", verbose_name=_("trainer assignment"),
    )
    assessor = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments",
        verbose_name=_("assessor"),
    )
    evaluation = models.TextField(_("evaluation"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["event__start_date", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "kind", "event"], name="evidence_unique_per_event"
            ),
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.CO_DELIVERY) | Q(assignment__isnull=False),
                name="evidence_co_delivery_has_assignment",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.event}"

    @property
    def summary(self) -> str:
        """One line that still reads true once copied into a decision."""
        parts = [str(self.get_kind_display()), self.event.title,
                 f"{self.event.start_date:%d %b %Y}–{self.event.end_date:%d %b %Y}"]
        if self.kind == EvidenceKind.WORKSHOP:
            parts.append(str(_("attended")) if self.attended else str(_("did not attend")))
        if self.kind != EvidenceKind.REFRESHER:
            parts.append(str(self.get_result_display()))
        if self.assessor_id:
            parts.append(str(_("assessed by %(name)s")) % {"name": self.assessor.full_name})
        return " · ".join(parts)

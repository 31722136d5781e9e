"""Proposals to move an expert along the workflow, and the immutable decisions on them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .evidence import Evidence
from .experts import Expert, ExpertStatus


class ImmutableRecordError(Exception):
    """Raised when code tries to change or remove a decision."""


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=Proposal.State.PENDING)

    def review_queue(self):
        """Pending proposals, oldest first, with everything the reviewer needs on one screen."""
        return (
            self.pending()
            .select_related(
                "expert__person__country__region", "expert__nominating_administration",
                "proposed_by",
            )
            .prefetch_related(
                models.Prefetch("evidence", queryset=Evidence.objects.with_relations())
            )
            .order_by("proposed_at", "pk")
        )


class Proposal(models.Model):
    """A coordinator's request to move an expert from one status to another."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="proposals")
    from_status = models.CharField(_("from"), max_length=20, choices=ExpertStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ExpertStatus.choices)
    evidence = models.ManyToManyField(
        Evidence, blank=True, related_name="proposals", verbose_name=_("evidence relied on")
    )
    rationale = models.TextField(_("rationale"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            # One open question per expert at a time: a double submit cannot queue two.
            models.UniqueConstraint(
                fields=["expert"], condition=Q(state="pending"), name="proposal_one_pending_per_expert"
            ),
        ]

    def __str__(self):
        return f"{self.expert}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_absolute_url(self):
        return reverse("accreditation:expert-detail", args=[self.expert_id]) + f"#proposal-{self.pk}"

    @property
    def is_renewal(self) -> bool:
        return self.from_status == self.to_status == ExpertStatus.ACCREDITED


class DecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecordError("Decisions cannot be changed.")

    def delete(self):
        raise ImmutableRecordError("Decisions cannot be deleted.")

    def with_relations(self):
        return self.select_related("proposed_by", "decided_by", "expert__person")


class Decision(models.Model):
    """What an administrator decided on a proposal. Written once, never changed or deleted."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="decisions")
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="decision", verbose_name=_("proposal")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=ExpertStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ExpertStatus.choices)
    # A text copy, so the decision still says what it relied on if evidence is corrected later.
    evidence_relied_on = models.TextField(_("evidence relied on"), blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="decisions")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    effective_on = models.DateField(_("effective on"))
    rationale = models.TextField(_("rationale"))

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # Four eyes, kept by the database itself.
            models.CheckConstraint(
                condition=~Q(proposed_by=F("decided_by")), name="decision_four_eyes"
            ),
        ]

    def __str__(self):
        return (
            f"{self.expert}: {self.get_from_status_display()} → {self.get_to_status_display()} "
            f"({self.get_outcome_display()})"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ImmutableRecordError("Decisions cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("Decisions cannot be deleted.")


class ExpiryNotice(models.Model):
    """An expiry reminder already sent, so the daily command never sends it twice."""

    class Stage(models.TextChoices):
        SIX_MONTHS = "6m", _("6 months before the end")
        ONE_MONTH = "1m", _("1 month before the end")

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="expiry_notices")
    valid_until = models.DateField(_("validity end"))
    stage = models.CharField(_("stage"), max_length=2, choices=Stage.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("expiry notice")
        verbose_name_plural = _("expiry notices")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "valid_until", "stage"], name="expiry_notice_once_per_stage"
            ),
        ]

    def __str__(self):
        return f"{self.expert} – {self.get_stage_display()}"

"""What an expert keeps on their own profile: the level of each language they teach in, and
their proposals to change the modules they can teach. Modules are what the accreditation relies
on, so a change is a proposal that a coordinator accepts or refuses; languages are theirs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.models import Module
from people.models import Language

from .experts import Expert


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Native")
    FLUENT = "fluent", _("Fluent")
    WORKING = "working", _("Working")
    BASIC = "basic", _("Basic")


class ExpertLanguage(models.Model):
    """One language the expert teaches in, at a level (Expert.languages keeps the same set, for
    Find trainers)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="language_levels")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=10, choices=LanguageLevel.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["language__sort_order", "language__name"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "language"], name="one_level_per_expert_language")
        ]

    def __str__(self):
        return f"{self.language} ({self.get_level_display()})"


class ModuleProposal(models.Model):
    class Change(models.TextChoices):
        ADD = "add", _("Add")
        REMOVE = "remove", _("Remove")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="module_proposals")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "module"], condition=Q(status="pending"),
                name="one_pending_proposal_per_module",
            )
        ]

    def __str__(self):
        return f"{self.get_change_display()} {self.module.code}"

"""The record of two person records merged into one (imports are the usual source of twins)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Person


class PersonMerge(models.Model):
    """Immutable: who merged which record into which, when, why, and what moved."""

    kept = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges_received", verbose_name=_("kept record")
    )
    removed_person_id = models.PositiveBigIntegerField(_("removed record number"))
    removed_snapshot = models.JSONField(_("removed record"), default=dict)
    moved = models.JSONField(_("what moved"), default=dict)
    reason = models.TextField(_("reason"), blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")

    def __str__(self):
        return f"#{self.removed_person_id} → {self.kept}"

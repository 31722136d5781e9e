"""Accredited Customs Experts (ACEs) and their accreditation workflow.

The workflow's evidence and decisions are built on top of `Expert` in the accreditation
issue; the status values here are the ones dashboards count.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.models import Module
from stce.models import Language, Organisation, Person


class ExpertStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    SELECTED = "selected", _("Selected for a workshop")
    IN_WORKSHOP = "in_workshop", _("Workshop participant")
    PRE_ACCREDITED = "pre_accredited", _("Pre-accredited")
    ACCREDITED = "accredited", _("Accredited")
    NOT_ACCREDITED = "not_accredited", _("Not accredited")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed")


class Expert(models.Model):
    Status = ExpertStatus

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="expert")
    nominating_administration = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="nominated_experts",
        verbose_name=_("nominating administration"),
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="experts", verbose_name=_("languages they teach in")
    )
    modules = models.ManyToManyField(
        Module, blank=True, related_name="experts", verbose_name=_("modules they can teach")
    )
    # Changed only through decisions (accreditation workflow), never edited directly.
    status = models.CharField(
        _("status"), max_length=20, choices=ExpertStatus.choices, default=ExpertStatus.NOMINATED,
        editable=False,
    )
    nominated_on = models.DateField(_("nominated on"), null=True, blank=True)
    pre_accredited_on = models.DateField(_("pre-accredited on"), null=True, blank=True)
    accredited_on = models.DateField(_("accredited on"), null=True, blank=True)
    valid_until = models.DateField(_("accreditation valid until"), null=True, blank=True)
    profile = models.TextField(_("short profile"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__family_name", "person__given_name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        indexes = [models.Index(fields=["status"], name="expert_status")]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("accreditation:expert-detail", args=[self.pk])

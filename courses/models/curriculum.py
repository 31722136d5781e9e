"""The WCO STCE Training Curriculum."""

from typing import NamedTuple

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LocalisedModule(NamedTuple):
    title: str
    summary: str
    language: str
    is_fallback: bool  # True when English stands in for a missing translation


class ModuleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Module(models.Model):
    class TopicArea(models.TextChoices):
        FOUNDATIONS = "foundations", _("Foundations and legal framework")
        CBRN = "cbrn", _("Chemical, biological, radiological and nuclear")
        DUAL_USE = "dual_use", _("Dual-use materials and equipment")
        ENFORCEMENT = "enforcement", _("Risk management and enforcement")
        TOOLS = "tools", _("Tools and reference material")
        MANAGEMENT = "management", _("Senior management briefings")
        NATIONAL = "national", _("National experiences")

    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    learning_objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, default=1)
    topic_area = models.CharField(
        _("topic area"), max_length=20, choices=TopicArea.choices, default=TopicArea.FOUNDATIONS
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Retired modules stay in past agendas.")
    )
    introduced_in = models.CharField(_("introduced in curriculum version"), max_length=20, blank=True)
    history = HistoricalRecords()

    objects = ModuleQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("curriculum module")
        verbose_name_plural = _("curriculum modules")
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="module_hours_positive"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("courses:module-detail", args=[self.pk])

    def localised(self, language: str | None = None) -> "LocalisedModule":
        """Title and summary in `language` (default: the active one), falling back to English.

        Uses prefetched `translations` when present, so lists can call it per row.
        """
        language = (language or translation.get_language() or "en")[:2]
        if language != "en":
            for item in self.translations.all():
                if item.language == language:
                    return LocalisedModule(item.title, item.summary or self.summary, language, False)
            return LocalisedModule(self.title, self.summary, "en", True)
        return LocalisedModule(self.title, self.summary, "en", False)

    @property
    def objectives_list(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]


class ModuleTranslation(models.Model):
    """A module's title and summary in French, Spanish or Russian; English is on Module."""

    class Language(models.TextChoices):
        FR = "fr", _("French")
        ES = "es", _("Spanish")
        RU = "ru", _("Russian")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["module", "language"]
        verbose_name = _("module translation")
        verbose_name_plural = _("module translations")
        constraints = [
            models.UniqueConstraint(fields=["module", "language"], name="module_translation_unique_language"),
        ]

    def __str__(self):
        return f"{self.module.code} [{self.language}] {self.title}"

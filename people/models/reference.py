"""Reference data shared by every app: WCO regions, countries and organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from documents.images import validate_image_upload


class Region(models.Model):
    """One of the six WCO regions."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("WCO region")
        verbose_name_plural = _("WCO regions")

    def __str__(self):
        return str(_(self.name))


class Country(models.Model):
    """A country or customs territory, keyed by its ISO 3166-1 alpha-2 code."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("WCO region")
    )
    wco_member = models.BooleanField(_("WCO member"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return str(_(self.name))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CUSTOMS = "customs", _("Customs administration")
        MINISTRY = "ministry", _("Ministry or government agency")
        ACADEMY = "academy", _("Academy or training institute")
        INTERNATIONAL = "international", _("International organisation")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CUSTOMS)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
    )
    logo = models.FileField(
        _("logo"), upload_to="logos/", blank=True, validators=[validate_image_upload],
        help_text=_("Printed on the certificates of events this organisation organises (PNG or JPEG)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="organisation_unique_name_country"),
        ]

    def __str__(self):
        return self.short_name or self.name

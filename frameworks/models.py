"""What an event serves and who pays for it: the resolutions and operative paragraphs it
answers to (reference data, editable), the programme area, and its funding sources."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.models import TrainingEvent
from people.models import Organisation

LANGUAGES = [("fr", "Français"), ("es", "Español"), ("ru", "Русский")]


class ProgrammeArea(models.TextChoices):
    """The six areas of the STCE Programme's description."""

    ACCREDITATION = "accreditation", _("Train-the-Trainer workshops for the accreditation of experts")
    TRAININGS = "trainings", _("STCE trainings based on the WCO Training Curriculum")
    STRATCOMM = "stratcomm", _("The STRATComm communication platform")
    EXERCISES = "exercises", _("Law enforcement operational exercises")
    OUTREACH = "outreach", _("Industry outreach")
    SEIZURES = "seizures", _("STCE seizure reporting in the CEN System")


class Resolution(models.Model):
    number = models.PositiveIntegerField(_("number"), unique=True)
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self):
        # "resolution 2663 (2022)", as the Information Notes cite it.
        return _("resolution %(symbol)s") % {"symbol": f"{self.number} ({self.year})"}


class OperativeParagraph(models.Model):
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="paragraphs", verbose_name=_("resolution")
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text (English)"))
    is_summary = models.BooleanField(
        _("summary only"),
        default=False,
        help_text=_("The text is a short neutral summary, not the resolution's own words."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution__number", "number"]
        verbose_name = _("operative paragraph")
        verbose_name_plural = _("operative paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "number"], name="paragraph_number_unique"),
        ]

    def __str__(self):
        return _("OP %(paragraph)s of %(resolution)s") % {
            "paragraph": str(self.number),
            "resolution": self.resolution,
        }

    def localised(self, language: str | None = None) -> tuple[str, str, bool]:
        """(text, language, is_fallback): the text in `language`, English standing in for a
        missing translation (as curriculum modules do). Uses prefetched `translations`."""
        language = (language or translation.get_language() or "en")[:2]
        if language != "en":
            for item in self.translations.all():
                if item.language == language:
                    return item.text, language, False
            return self.text, "en", True
        return self.text, "en", False


class ParagraphTranslation(models.Model):
    paragraph = models.ForeignKey(
        OperativeParagraph,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("operative paragraph"),
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paragraph translation")
        verbose_name_plural = _("paragraph translations")
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "language"], name="paragraph_translation_unique"),
        ]

    def __str__(self):
        return f"{self.paragraph} ({self.language})"


class EventFramework(models.Model):
    """The programme area of an event and the operative paragraphs it serves."""

    event = models.OneToOneField(
        TrainingEvent, on_delete=models.CASCADE, related_name="framework", verbose_name=_("event")
    )
    programme_area = models.CharField(
        _("programme area"), max_length=20, choices=ProgrammeArea.choices, blank=True
    )
    paragraphs = models.ManyToManyField(
        OperativeParagraph,
        blank=True,
        related_name="event_frameworks",
        verbose_name=_("operative paragraphs served"),
    )
    history = HistoricalRecords(m2m_fields=[paragraphs])

    class Meta:
        verbose_name = _("event framework")
        verbose_name_plural = _("event frameworks")

    def __str__(self):
        return str(self.event)


class FundingSource(models.Model):
    event = models.ForeignKey(
        TrainingEvent, on_delete=models.CASCADE, related_name="funding_sources", verbose_name=_("event")
    )
    donor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="funded_events", verbose_name=_("donor")
    )
    grant = models.CharField(_("grant or project"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("For example EUR, USD, CHF.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="funding_amount_positive",
            ),
        ]

    def __str__(self):
        return f"{self.donor} – {self.grant}" if self.grant else str(self.donor)

"""Periods an expert declares they cannot deliver (issue 17): "Find trainers" reads them beside
bookings, so a coordinator no longer proposes someone who already said no for those dates."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UnavailabilityPeriod(models.Model):
    expert = models.ForeignKey(
        "accreditation.Expert", on_delete=models.CASCADE, related_name="unavailability_periods",
        verbose_name=_("expert"),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("period of unavailability")
        verbose_name_plural = _("periods of unavailability")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="unavailability_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["expert", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.start_date} – {self.end_date}"

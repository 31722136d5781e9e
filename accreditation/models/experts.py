"""Accredited Customs Experts (ACEs): the registry the workflow moves through.

The status values here are the ones dashboards count; only decisions change them.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from courses.models import Module
from people.models import Language, Organisation, Person


class ExpertStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    SELECTED = "selected", _("Selected for a workshop")
    IN_WORKSHOP = "in_workshop", _("Workshop participant")
    PRE_ACCREDITED = "pre_accredited", _("Pre-accredited")
    ACCREDITED = "accredited", _("Accredited")
    NOT_ACCREDITED = "not_accredited", _("Not accredited")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", pgettext_lazy("expert status", "Withdrawn")
    LAPSED = "lapsed", _("Lapsed")


# Statuses from which an expert is still on the programme's books (withdrawal is possible).
ACTIVE_STATUSES = (
    ExpertStatus.NOMINATED, ExpertStatus.SELECTED, ExpertStatus.IN_WORKSHOP,
    ExpertStatus.PRE_ACCREDITED, ExpertStatus.ACCREDITED, ExpertStatus.SUSPENDED,
)


def accreditation_years() -> int:
    return int(getattr(settings, "STCE_ACCREDITATION_YEARS", 4))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def subtract_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


class ExpertQuerySet(models.QuerySet):
    def with_relations(self):
        return self.select_related(
            "person__country__region", "person__organisation", "nominating_administration"
        ).prefetch_related("languages")

    def with_last_delivery(self):
        """Annotate `last_delivery`: end date of the latest delivered event they trained on, or
        of the latest training they delivered at home (an accepted report), whichever is later."""
        from courses.models import TrainerAssignment, TrainingEvent

        from .home_trainings import HomeTraining, HomeTrainingStatus

        deliveries = (
            TrainerAssignment.objects.filter(
                person=OuterRef("person"), event__status=TrainingEvent.Status.COMPLETED
            )
            .exclude(role=TrainerAssignment.Role.ASSESSOR)
            .values("person")
            .annotate(last=Max("event__end_date"))
            .values("last")
        )
        at_home = (
            HomeTraining.objects.filter(expert=OuterRef("pk"), status=HomeTrainingStatus.ACCEPTED)
            .values("expert")
            .annotate(last=Max("end_date"))
            .values("last")
        )
        wco, home = Subquery(deliveries[:1]), Subquery(at_home[:1])
        # GREATEST is NULL on SQLite when either is; each falls back on the other.
        return self.annotate(last_delivery=Greatest(Coalesce(wco, home), Coalesce(home, wco)))

    def available_between(self, start: datetime.date, end: datetime.date, *, exclude_event=None):
        """Experts not assigned to any live event overlapping these dates, and who have not declared
        themselves unavailable for any of them."""
        from courses.models import TrainerAssignment, TrainingEvent

        busy = TrainerAssignment.objects.filter(
            person=OuterRef("person"), event__start_date__lte=end, event__end_date__gte=start
        ).exclude(event__status=TrainingEvent.Status.CANCELLED)
        if exclude_event is not None:
            busy = busy.exclude(event=exclude_event)
        return self.filter(~Exists(busy), ~Exists(self._unavailable(start, end)))

    def unavailable_between(self, start: datetime.date, end: datetime.date):
        """Experts who declared a period of unavailability overlapping these dates."""
        return self.filter(Exists(self._unavailable(start, end)))

    @staticmethod
    def _unavailable(start, end):
        from accreditation.models.availability import UnavailabilityPeriod

        return UnavailabilityPeriod.objects.filter(
            expert=OuterRef("pk"), start_date__lte=end, end_date__gte=start
        )

    def valid_through(self, day: datetime.date):
        """Experts whose accreditation has not ended by `day` (those without a validity date too:
        pre-accredited experts teach beside an accredited trainer and have no end yet)."""
        return self.exclude(valid_until__lt=day)

    def accredited(self):
        return self.filter(status=ExpertStatus.ACCREDITED)

    def expiring_within(self, *, months: int = 6, today: datetime.date | None = None):
        """Accredited experts whose validity ends between today and `months` from now."""
        today = today or timezone.localdate()
        horizon = add_months(today, months)
        return self.accredited().filter(valid_until__gte=today, valid_until__lte=horizon)

    def overdue(self, *, today: datetime.date | None = None):
        """Accredited experts whose validity has already ended: they are due to lapse."""
        today = today or timezone.localdate()
        return self.accredited().filter(valid_until__lt=today)


def add_months(day: datetime.date, months: int) -> datetime.date:
    return subtract_months(day, -months)


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
    topics = models.TextField(_("topics of interest"), blank=True)
    history = HistoricalRecords()

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["person__family_name", "person__given_name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        indexes = [models.Index(fields=["status"], name="expert_status")]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("accreditation:expert-detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

"""Training events, their agenda and the trainers who deliver them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from people.models import Country, Language, Organisation, Person, Region

from .curriculum import Module


class TrainingEventQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).exclude(status=TrainingEvent.Status.CANCELLED)

    def for_trainer(self, user):
        """Events the user is assigned to as a trainer (through their Person record)."""
        return self.filter(assignments__person__user=user).distinct()

    def visible_to(self, user):
        """Coordinators and administrators see every event; trainers only their own."""
        from people.roles import can_see_all_events

        if can_see_all_events(user):
            return self
        return self.for_trainer(user)

    def overlapping(self, start: datetime.date, end: datetime.date):
        return self.filter(start_date__lte=end, end_date__gte=start)

    def delivered(self, today: datetime.date | None = None):
        """Trainings that have taken place: ended before today, neither draft nor cancelled.
        What donors read as "delivered"; a training next year is the plan, not a result."""
        today = today or timezone.localdate()
        return self.exclude(status__in=[TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT]).filter(
            end_date__lt=today
        )

    def scheduled(self, today: datetime.date | None = None):
        """The plan: trainings not yet over that are planned, confirmed or postponed."""
        today = today or timezone.localdate()
        return self.exclude(status__in=[TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT]).filter(
            end_date__gte=today
        )


class TrainingEvent(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("National training")
        REGIONAL = "regional", _("Regional training")
        TTT = "ttt", _("Train-the-Trainer accreditation workshop")
        EXERCISE = "exercise", _("Operational exercise")
        OUTREACH = "outreach", _("Industry outreach")
        AWARENESS = "awareness", _("Awareness workshop")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        POSTPONED = "postponed", _("Postponed")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class ExcusedPolicy(models.TextChoices):
        ATTENDED = "attended", _("count as attended")
        NOT_COUNTED = "not_counted", _("are left out of the count")
        ABSENT = "absent", _("count as absent")

    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    host_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("host country"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("WCO region"),
    )
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    platform = models.CharField(_("online platform"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC",
        help_text=_("IANA name, e.g. Asia/Shanghai for Beijing time."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    languages = models.ManyToManyField(
        Language, blank=True, related_name="events", verbose_name=_("languages of delivery")
    )
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partnered_events",
        verbose_name=_("partner organisations"),
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Completion rule: the share of days a participant must attend to complete.
    completion_threshold = models.PositiveSmallIntegerField(
        _("completion threshold (%)"), default=80,
        help_text=_("Share of days attended needed to complete. Late counts as present."),
    )
    excused_policy = models.CharField(
        _("excused absences"), max_length=12, choices=ExcusedPolicy.choices,
        default=ExcusedPolicy.NOT_COUNTED,
    )
    attendance_locked = models.BooleanField(_("attendance locked"), default=False)
    # Whether the last day is behind us. Kept as a column (set on save, and each day for the
    # events whose last day has just passed: courses.services.events.mark_events_that_took_place)
    # because the dashboard triggers in the database count only trainings that took place.
    took_place = models.BooleanField(_("took place"), default=False, editable=False)
    # Information Note sections written by the coordinator.
    background = models.TextField(_("background"), blank=True)
    highlights = models.TextField(_("highlights"), blank=True)
    additional_comments = models.TextField(_("additional comments"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingEventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "took_place"])

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="event_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(completion_threshold__lte=100), name="event_threshold_at_most_100"
            ),
        ]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="event_dates"),
            models.Index(fields=["status", "kind"], name="event_status_kind"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.end_date:
            self.took_place = self.end_date < timezone.localdate()
            if kwargs.get("update_fields") is not None and "end_date" in kwargs["update_fields"]:
                kwargs["update_fields"] = {*kwargs["update_fields"], "took_place"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("courses:event-detail", args=[self.pk])

    def allowed_next_statuses(self) -> list[str]:
        return list(ALLOWED_TRANSITIONS[self.status])

    def can_become(self, status: str) -> bool:
        return status in ALLOWED_TRANSITIONS[self.status]

    @property
    def original_dates(self) -> tuple[datetime.date, datetime.date] | None:
        """The dates first announced, when the event has since moved (for "postponed from")."""
        changes = list(self.date_changes.all())
        if not changes:
            return None
        first = changes[0]
        return first.old_start_date, first.old_end_date

    @property
    def is_online(self) -> bool:
        return self.format == self.Format.VIRTUAL

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


_S = TrainingEvent.Status
# The status lifecycle. Postponing goes through `courses.services.events.change_dates`, which
# also records the date change; completed events are final, and a cancelled event can only be
# taken back to draft (never straight to completed).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.DRAFT: frozenset({_S.PLANNED, _S.CANCELLED}),
    _S.PLANNED: frozenset({_S.DRAFT, _S.CONFIRMED, _S.POSTPONED, _S.CANCELLED}),
    _S.CONFIRMED: frozenset({_S.PLANNED, _S.POSTPONED, _S.COMPLETED, _S.CANCELLED}),
    _S.POSTPONED: frozenset({_S.PLANNED, _S.CONFIRMED, _S.CANCELLED}),
    _S.COMPLETED: frozenset(),
    _S.CANCELLED: frozenset({_S.DRAFT}),
}


class EventDateChange(models.Model):
    """One change of an event's dates, kept so that "postponed from June" stays true."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="date_changes")
    old_start_date = models.DateField(_("old start date"))
    old_end_date = models.DateField(_("old end date"))
    new_start_date = models.DateField(_("new start date"))
    new_end_date = models.DateField(_("new end date"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("date change")
        verbose_name_plural = _("date changes")

    def __str__(self):
        return f"{self.event}: {self.old_start_date} → {self.new_start_date}"


class EventDay(models.Model):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("event day")
        verbose_name_plural = _("event days")
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="event_day_unique_date"),
        ]

    def __str__(self):
        return f"{self.event} – {self.date:%Y-%m-%d}"


class AgendaItem(models.Model):
    day = models.ForeignKey(EventDay, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(pgettext_lazy("order in a list", "position"), default=0)
    start_time = models.TimeField(_("start"), null=True, blank=True)
    end_time = models.TimeField(_("end"), null=True, blank=True)
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items",
        verbose_name=_("curriculum module"),
    )
    title = models.CharField(_("title"), max_length=250, blank=True)
    speakers = models.ManyToManyField(
        Person, blank=True, related_name="agenda_items", verbose_name=_("speakers")
    )
    speaker_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="agenda_items",
        verbose_name=_("speaking organisations"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["day__date", "position", "start_time"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(
                condition=Q(module__isnull=False) | ~Q(title=""), name="agenda_item_has_topic"
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or (self.module.title if self.module_id else "")


class TrainerAssignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead trainer")
        CO_TRAINER = "co_trainer", _("Co-trainer")
        GUEST = "guest", _("Guest speaker")
        ASSESSOR = "assessor", _("Mentor / assessor")

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CO_TRAINER)
    overlap_override_reason = models.TextField(
        _("reason for overriding a double booking"), blank=True
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "role", "person__family_name"]
        verbose_name = _("trainer assignment")
        verbose_name_plural = _("trainer assignments")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="assignment_unique_person"),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.event}"

"""Trainings that accredited experts deliver in their home countries with the WCO curriculum.

They are reported by the expert and reviewed by a coordinator. They are deliberately not
TrainingEvents: the WCO-run figures (reporting.figures, kept by triggers over enrolments) must
not move when an expert's report is accepted; the dashboards count accepted reports apart, as
expert-delivered trainings (reporting/delivery.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.models import Module, TrainingEvent
from people.models import Country, Language, Organisation, Person


class HomeTrainingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


# What the expert may still change: their draft, or a report sent back with a request.
EDITABLE_STATUSES = (HomeTrainingStatus.DRAFT, HomeTrainingStatus.CHANGES_REQUESTED)


class ParticipantsGiven(models.TextChoices):
    NAMED = "named", _("By name (imported list)")
    COUNTED = "counted", _("As counts by gender (names cannot be shared)")


class HomeTraining(models.Model):
    Status = HomeTrainingStatus
    Format = TrainingEvent.Format
    Participants = ParticipantsGiven

    expert = models.ForeignKey(
        "accreditation.Expert",
        on_delete=models.PROTECT,
        related_name="home_trainings",
        verbose_name=_("expert"),
    )
    title = models.CharField(_("title"), max_length=250)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=TrainingEvent.Format.choices,
        default=TrainingEvent.Format.IN_PERSON,
    )
    place = models.CharField(_("place or platform"), max_length=250)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="home_trainings", verbose_name=_("country")
    )
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="home_trainings",
        verbose_name=_("language"),
    )
    host_administration = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="home_trainings",
        verbose_name=_("host administration"),
    )
    modules = models.ManyToManyField(
        Module, blank=True, related_name="home_trainings", verbose_name=_("modules taught")
    )
    participants_given = models.CharField(
        _("participants"), max_length=10, choices=ParticipantsGiven.choices, default=ParticipantsGiven.NAMED
    )
    # Counted participants, when names cannot be shared (the named ones are HomeTrainingParticipant rows).
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    another_gender = models.PositiveIntegerField(_("another gender"), default=0)
    gender_not_recorded = models.PositiveIntegerField(_("gender not recorded"), default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=HomeTrainingStatus.choices,
        default=HomeTrainingStatus.DRAFT,
        editable=False,
    )
    reviewer_notes = models.TextField(_("reviewer's notes"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("training delivered at home")
        verbose_name_plural = _("trainings delivered at home")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="home_training_dates_in_order"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start_date"], name="home_training_status"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("accreditation:home-training-review", args=[self.pk])

    @property
    def counted_total(self) -> int:
        return self.women + self.men + self.another_gender + self.gender_not_recorded

    @property
    def officials(self) -> int:
        """The officials it counts: the named participants (a list annotates `named` to spare a
        query per row), or the counts by gender."""
        if self.participants_given == ParticipantsGiven.NAMED:
            named = getattr(self, "named", None)
            return self.participants.count() if named is None else named
        return self.counted_total

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class HomeTrainingParticipant(models.Model):
    """A named official who took part in a home training: a Person of the directory, not an
    Enrolment (there is no TrainingEvent to enrol on)."""

    home_training = models.ForeignKey(
        HomeTraining, on_delete=models.CASCADE, related_name="participants", verbose_name=_("training")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="home_trainings", verbose_name=_("participant")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("participant of a training delivered at home")
        verbose_name_plural = _("participants of trainings delivered at home")
        constraints = [
            models.UniqueConstraint(
                fields=["home_training", "person"], name="home_training_participant_once"
            ),
        ]

    def __str__(self):
        return str(self.person)

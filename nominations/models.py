"""Nominations from member administrations: focal points, invitations with seats, nominees."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from courses.models import Enrolment, TrainingEvent
from documents.uploads import UploadValidator
from people.models import Country, Gender, Organisation, Person

# A nomination letter is a signed PDF; larger files are scans that belong elsewhere.
LETTER_MAX_BYTES = 5 * 1024 * 1024


class FocalPointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class FocalPoint(models.Model):
    """The focal-point role of one user: the countries (and optionally the one administration)
    whose officials they nominate. Withdrawing the role keeps the row for the audit trail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_point",
        verbose_name=_("user account"),
    )
    countries = models.ManyToManyField(Country, related_name="focal_points", verbose_name=_("countries"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="focal_points",
        verbose_name=_("organisation"),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Person.PreferredLanguage.choices,
        default=Person.PreferredLanguage.EN,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("role withdrawn"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[countries])

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return self.user.get_username()


class Invitation(models.Model):
    """One country invited to nominate officials for one event, within a number of seats."""

    event = models.ForeignKey(
        TrainingEvent, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("event"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("country"),
    )
    seats = models.PositiveSmallIntegerField(_("seats"))
    deadline = models.DateField(_("nomination deadline"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "country__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["event", "country"], name="invitation_unique_country"),
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="invitation_seats_positive"),
        ]

    def __str__(self):
        return f"{self.event} – {self.country}"


def letter_path(instance, filename: str) -> str:
    # Never the uploaded name: it is the nominee's name more often than not.
    return f"nominations/letters/{instance.invitation_id}/{instance.pk or 'new'}.pdf"


class Nomination(models.Model):
    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WAITLISTED = "waitlisted", _("Waitlisted")
        WITHDRAWN = "withdrawn", pgettext_lazy("nomination status", "Withdrawn")

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("invitation"),
    )
    nominated_by = models.ForeignKey(
        FocalPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations",
        verbose_name=_("nominated by"),
    )
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    family_name = models.CharField(_("family name"), max_length=150)
    latin_name = models.CharField(_("name in Latin script"), max_length=300, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.NOT_RECORDED)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"))
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Person.PreferredLanguage.choices,
        default=Person.PreferredLanguage.EN,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOMINATED)
    # Order on the event's waitlist (1 first); empty unless waitlisted.
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=500, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Empty only after the nominee's data was erased on their request.
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    letter = models.FileField(
        _("nomination letter"), upload_to=letter_path, blank=True,
        validators=[UploadValidator(kinds={"pdf"}, max_bytes=LETTER_MAX_BYTES)],
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="nominations",
        verbose_name=_("person"),
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="nominations",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["invitation", "created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            # One nomination per address per invitation, whatever its case.
            models.UniqueConstraint("invitation", Lower("email"), name="nomination_unique_email_ci"),
        ]

    def __str__(self):
        return " ".join(p for p in (self.given_name, self.family_name) if p)

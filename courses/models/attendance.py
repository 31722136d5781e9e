"""Enrolment of participants on events, and their attendance day by day."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from people.models import Person

from .events import EventDay, TrainingEvent


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Enrolment.Status.ENROLLED)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WITHDRAWN = "withdrawn", pgettext_lazy("enrolment status", "Withdrawn")

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ENROLLED
    )
    joined_on = models.DateField(
        _("joined on"), null=True, blank=True,
        help_text=_("For late joiners: days before this date do not count against completion."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=250, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["person__family_name", "person__given_name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="enrolment_unique_person"),
        ]

    def __str__(self):
        return f"{self.person} – {self.event}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(EventDay, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus.choices)
    remark = models.CharField(_("remark"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords()

    Status = AttendanceStatus

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="attendance_unique_day"),
        ]

    def __str__(self):
        return f"{self.enrolment} – {self.day.date}: {self.get_status_display()}"


class AttendanceReopening(models.Model):
    """A coordinator reopened the locked attendance of an event; the reason stays on record."""

    event = models.ForeignKey(
        TrainingEvent, on_delete=models.CASCADE, related_name="attendance_reopenings"
    )
    reason = models.TextField(_("reason"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("reopened by"),
    )
    reopened_at = models.DateTimeField(_("reopened at"), auto_now_add=True)

    class Meta:
        ordering = ["-reopened_at", "-pk"]
        verbose_name = _("attendance reopening")
        verbose_name_plural = _("attendance reopenings")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="reopening_has_reason"),
        ]

    def __str__(self):
        return f"{self.event} – {self.reopened_at:%Y-%m-%d}"

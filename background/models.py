"""What the background machinery keeps besides the task rows of django-tasks-db.

`Job` is the progress of one long action that a person started (a batch of e-mails, a batch
of certificates, a large import), read by its progress page. `ScheduledRun` is the lock that
makes a daily schedule run once a day however many workers see it due.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    class Level(models.TextChoices):
        SUCCESS = "success", _("Success")
        WARNING = "warning", _("Warning")
        ERROR = "error", _("Error")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=250)
    # Messages written by the worker (phase, outcome, notes) are in the language of the person
    # who started the job, as their page is.
    language = models.CharField(_("language"), max_length=8, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    phase = models.CharField(_("phase"), max_length=200, blank=True)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    # A job of independent items (e-mails) is over once every item has an outcome; a job run
    # by one task (an import) is over when the task says so.
    finishes_when_counted = models.BooleanField(default=False)
    result_url = models.CharField(_("result page"), max_length=500, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_level = models.CharField(max_length=10, choices=Level.choices, default=Level.SUCCESS)
    task_result_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("background:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        if self.state in (self.State.FINISHED, self.State.FAILED):
            return True
        return self.finishes_when_counted and self.total > 0 and self.done + self.failed >= self.total

    @property
    def percent(self) -> int | None:
        """None while the job cannot say how far it is (nothing counted: the bar just moves)."""
        if self.is_finished:
            return 100
        if not self.total:
            return None
        return min(100, (self.done + self.failed) * 100 // self.total)


class JobNote(models.Model):
    """A problem met on the way (a person skipped, an address refused), shown while it runs."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("job note")
        verbose_name_plural = _("job notes")

    def __str__(self):
        return self.text[:80]


class ScheduledRun(models.Model):
    """One row per schedule and day: inserting it is the lock (the unique constraint), so
    the first worker to see a schedule due enqueues its task and every other one does nothing."""

    name = models.CharField(_("schedule"), max_length=64)
    day = models.DateField(_("day"))
    task_result_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "name"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="scheduled_run_once_a_day")]

    def __str__(self):
        return f"{self.name} {self.day}"

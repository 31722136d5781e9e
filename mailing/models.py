"""The outbox: one row per e-mail, its send log, the stored attachments, the edited templates.

A message is written whole (rendered subject and body, recipient, language) when it is
queued, so the log shows exactly what each person received, and a worker sends it later:

    queued ──claim──> sending ──server accepts──> sent
                         └─ server refuses / unreachable ──> retrying ──(later)──> sending …
                                                              └─ attempts used up ──> failed
    a worker lost while sending: the task runs again and finds it "sending": it is sent again
    with the same Message-ID (STCE_MAIL_ON_AMBIGUOUS="resend") or set aside as "unknown"
    for a coordinator to decide ("hold").

A message refers to what it is about through a topic key (e.g. ("event", 12)), so that the
apps above this one can list their messages without this app importing them.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MessageQuerySet(models.QuerySet):
    def about(self, kind: str, pk: int):
        return self.filter(topic_kind=kind, topic_id=pk)

    def with_log(self):
        return self.select_related("person").prefetch_related("events")


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Failed, will be retried")
        FAILED = "failed", _("Failed")
        UNKNOWN = "unknown", _("Unknown (the worker stopped while sending)")

    # Counted as failed in a job's progress until a new attempt succeeds.
    FAILED_STATES = (Status.RETRYING, Status.FAILED, Status.UNKNOWN)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    topic_kind = models.CharField(max_length=32, blank=True)
    topic_id = models.PositiveBigIntegerField(null=True, blank=True)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("person"),
    )
    to = models.EmailField(_("to"), blank=True)
    reply_to = models.EmailField(_("reply to"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("body"))
    attachments = models.JSONField(default=list, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200)
    # Producers name each message so that queuing the same thing twice queues it once.
    dedupe_key = models.CharField(max_length=200, unique=True)
    job = models.ForeignKey(
        "background.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("queued by"),
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Only the task given this token may send the message: a retry or a resend hands it to a
    # new task, and a stale copy of an old one finds nothing to do.
    send_token = models.CharField(max_length=32, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("server's answer"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "to"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [
            models.Index(fields=["topic_kind", "topic_id", "kind"], name="message_topic"),
            models.Index(fields=["job", "status"], name="message_job_status"),
            models.Index(fields=["status"], name="message_status"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @property
    def is_failed(self) -> bool:
        return self.status in self.FAILED_STATES


class MessageEvent(models.Model):
    """What happened to a message after it was queued, besides being sent (its `sent_at`)."""

    class Kind(models.TextChoices):
        FAILED = "failed", _("Failed")
        RETRIED = "retried", _("Retried")
        GAVE_UP = "gave_up", _("Given up")
        RESENT_AFTER_CRASH = "resent", _("Sent again after the worker stopped")
        HELD = "held", _("Set aside: the worker stopped while sending")
        SEND_AGAIN = "send_again", _("Sent again on request")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=0)
    detail = models.TextField(_("detail"), blank=True)
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("e-mail event")
        verbose_name_plural = _("e-mail events")

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A file attached to many messages at once (an event's calendar file), stored once."""

    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename


class MessageTemplate(models.Model):
    """A coordinator's wording of one kind of message in one language; without one, the
    built-in wording (translated) is used."""

    kind = models.CharField(_("kind"), max_length=64)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kind", "language"]
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="message_template_unique_language"),
        ]

    def __str__(self):
        return f"{self.kind} ({self.language})"

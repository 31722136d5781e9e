"""The certificate registry: every certificate the programme issues, of every kind.

A certificate is never edited after issue. It is revoked (with a reason, kept) or
superseded by a reissue (the old row points to the new one). What it certifies is a
snapshot taken at issue time, in the holder's language, so the verify page and the PDF
keep saying what was certified even when the event or the person changes later.
"""

import hashlib

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from documents.images import validate_image_upload
from people.links import absolute_url
from people.models import Person


class Signatory(models.Model):
    """Someone whose name, title and signature are printed on certificates."""

    name = models.CharField(pgettext_lazy("of a person", "name"), max_length=150)
    title = models.CharField(_("title"), max_length=200)
    signature = models.FileField(
        _("signature image"),
        upload_to="signatures/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("PNG with a transparent background works best."),
    )
    active = models.BooleanField(_("prints on new certificates"), default=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order in a list", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.name}, {self.title}"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True, superseded_at__isnull=True)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def superseded(self):
        return self.filter(superseded_at__isnull=False)

    def for_listing(self):
        return self.select_related("holder", "event", "issued_by")


class Certificate(models.Model):
    class Kind(models.TextChoices):
        COMPLETION = "completion", _("Completion")
        PARTICIPATION = "participation", _("Participation")
        ACCREDITATION = "accreditation", _("Accreditation")
        # A training an expert delivered in their home country: no TrainingEvent behind it; what
        # it is (accreditation's HomeTraining) is named by `subject_key` and told by the snapshot.
        HOME_TRAINING = "home_training", _("Participation (training delivered by an expert)")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    code = models.CharField(_("verification code"), max_length=64, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    holder = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    event = models.ForeignKey(
        "courses.TrainingEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("training event"),
    )
    # What a certificate without an event certifies, when a holder may hold several of its kind
    # ("home-training:12"): the registry does not know the higher apps' models, only this key.
    subject_key = models.CharField(_("subject"), max_length=64, blank=True, default="", editable=False)
    holder_name = models.CharField(_("holder's name as printed"), max_length=400)
    title = models.CharField(_("title as printed"), max_length=250)
    statement = models.TextField(_("what it certifies"))
    snapshot = models.JSONField(_("snapshot at issue"), default=dict, encoder=DjangoJSONEncoder)
    language = models.CharField(_("language"), max_length=5)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    # The reissue points back at the certificate it replaces; the old one is then
    # `superseded_at` and reaches its replacement through `superseded_by`.
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("replaces"),
    )

    objects = CertificateQuerySet.as_manager()
    # Issue, revocation, supersession and erasure are each recorded with who and when.
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # Revoked and superseded certificates stay in the registry; only one may be valid.
            models.UniqueConstraint(
                fields=["kind", "holder", "event"],
                condition=Q(revoked_at__isnull=True, superseded_at__isnull=True, event__isnull=False),
                name="certificate_one_valid_per_event",
            ),
            # NULL events are distinct in a unique index, so certificates without an event
            # (accreditation) need their own rule.
            models.UniqueConstraint(
                fields=["kind", "holder", "subject_key"],
                condition=Q(revoked_at__isnull=True, superseded_at__isnull=True, event__isnull=True),
                name="certificate_one_valid_without_event",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["kind", "issued_at"], name="certificate_kind_issued")]

    def __str__(self):
        return self.serial

    def get_absolute_url(self):
        return reverse("certificates:certificate-detail", args=[self.pk])

    @property
    def status(self) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.superseded_at:
            return self.Status.SUPERSEDED
        return self.Status.VALID

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID

    @property
    def replacement(self) -> "Certificate | None":
        try:
            return self.superseded_by
        except Certificate.DoesNotExist:
            return None

    @property
    def verify_path(self) -> str:
        return reverse("verify", args=[self.code])

    @property
    def verify_url(self) -> str:
        return absolute_url(self.verify_path)

    @property
    def storage_name(self) -> str:
        """Where the rendered PDF is cached; the hash keeps the code out of file names."""
        digest = hashlib.sha256(self.code.encode()).hexdigest()[:16]
        return f"certificates/{self.serial}-{digest}.pdf"


class SerialCounter(models.Model):
    """The last number used for serials of one year and country (STCE-2021-CN-000123)."""

    year = models.PositiveSmallIntegerField()
    country = models.CharField(max_length=2)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "country"], name="serial_counter_unique")]

    def __str__(self):
        return f"{self.year}-{self.country}: {self.last}"


class CertificateDelivery(models.Model):
    """One e-mail of a certificate to its holder: who sent what, to whom, when."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="deliveries")
    sent_to = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    resend = models.BooleanField(_("sent again on purpose"), default=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    error = models.CharField(_("error"), max_length=250, blank=True)
    # Since e-mail goes through the outbox, the message says how it went (its log shows every
    # attempt); `outcome` is what was known when the delivery was asked for.
    message = models.ForeignKey(
        "mailing.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("e-mail"),
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("certificate delivery")
        verbose_name_plural = _("certificate deliveries")

    def __str__(self):
        return f"{self.certificate} → {self.sent_to}"

    @property
    def state(self) -> str:
        """Sent, failed or queued, from the message when there is one."""
        if self.message is None:
            return self.outcome
        if self.message.status == "sent":
            return self.Outcome.SENT
        if self.message.is_failed:
            return self.Outcome.FAILED
        return self.Outcome.QUEUED

    def get_state_display(self) -> str:
        return self.Outcome(self.state).label

    @property
    def answer(self) -> str:
        """The mail server's answer when it failed."""
        return self.message.last_error if self.message is not None else self.error

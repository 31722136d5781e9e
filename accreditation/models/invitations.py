"""Experts invited to deliver an event, and the co-delivery reports they file afterwards (issue 17)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.models import Module, TrainerAssignment, TrainingEvent
from documents.uploads import UploadValidator
from people.models import Person

from .evidence import EvaluationResult, Evidence
from .experts import Expert


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the coordinator")
    EXPIRED = "expired", _("Expired: the event started")


class DeliveryInvitation(models.Model):
    """A coordinator's request that an expert deliver an event in a role; the expert answers."""

    Status = InvitationStatus

    event = models.ForeignKey(
        TrainingEvent, on_delete=models.CASCADE, related_name="delivery_invitations", verbose_name=_("event")
    )
    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="delivery_invitations", verbose_name=_("expert")
    )
    role = models.CharField(_("role"), max_length=20, choices=TrainerAssignment.Role.choices)
    message = models.TextField(_("message to the expert"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    answer_reason = models.TextField(_("reason"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    assignment = models.ForeignKey(
        TrainerAssignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trainer assignment"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-invited_at", "pk"]
        verbose_name = _("invitation to deliver")
        verbose_name_plural = _("invitations to deliver")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "expert"],
                condition=Q(status=InvitationStatus.PENDING),
                name="delivery_invitation_one_pending",
            ),
        ]

    def __str__(self):
        return f"{self.expert} – {self.get_role_display()} – {self.event}"

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING


def co_delivery_attachment_path(instance, filename: str) -> str:
    # The name the expert chose is theirs, not ours to put on disk.
    return f"accreditation/co-delivery/{instance.assignment_id}.pdf"


class CoDeliveryReport(models.Model):
    """What a pre-accredited expert delivered on an event and how their assessor evaluated it.

    The delivering expert files the facts (dates, modules, the report itself); the mentor /
    assessor on the same event files the evaluation and the result. Both are recorded as the
    expert's co-delivery Evidence, which is what the accreditation workflow reads.
    """

    Result = EvaluationResult

    assignment = models.OneToOneField(
        TrainerAssignment,
        on_delete=models.PROTECT,
        related_name="co_delivery_report",
        verbose_name=_("trainer assignment"),
    )
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="co_delivery_reports")
    assessor = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("assessor")
    )
    delivered_from = models.DateField(_("delivered from"), null=True, blank=True)
    delivered_to = models.DateField(_("delivered to"), null=True, blank=True)
    modules = models.ManyToManyField(
        Module, blank=True, related_name="+", verbose_name=_("modules delivered")
    )
    summary = models.TextField(_("what the expert delivered"), blank=True)
    attachment = models.FileField(
        _("report"), upload_to=co_delivery_attachment_path, blank=True,
        validators=[UploadValidator(kinds={"pdf"}, max_bytes=10 * 1024 * 1024)],
    )
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    evaluation = models.TextField(_("the assessor's evaluation"), blank=True)
    result = models.CharField(
        _("result"), max_length=10, choices=EvaluationResult.choices, default=EvaluationResult.PENDING
    )
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True)
    evidence = models.OneToOneField(
        Evidence, on_delete=models.PROTECT, null=True, blank=True, related_name="co_delivery_report"
    )
    history = HistoricalRecords(excluded_fields=["attachment"])

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("co-delivery report")
        verbose_name_plural = _("co-delivery reports")

    def __str__(self):
        return f"{self.expert} – {self.assignment.event}"

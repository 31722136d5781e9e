"""Inviting experts to deliver an event, their answers, and the reminders (issue 17)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accreditation.messages import DELIVERY_INVITATION, DELIVERY_REMINDER
from accreditation.models import DeliveryInvitation, Expert, InvitationStatus
from courses.dates import format_date_range
from courses.models import TrainerAssignment, TrainingEvent
from courses.services.assignments import assign_trainer
from mailing.services.outbox import Draft, queue_messages
from people.errors import DomainError
from people.links import absolute_url

S = InvitationStatus


def reminder_days() -> int:
    return int(getattr(settings, "STCE_INVITATION_REMINDER_DAYS", 5))


def _draft(invitation: DeliveryInvitation, *, kind: str, dedupe_key: str) -> Draft | None:
    person = invitation.expert.person
    if not person.email:
        return None
    event = invitation.event
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        values = {
            "name": person.full_name,
            "event": event.title,
            "dates": format_date_range(event.start_date, event.end_date),
            "role": str(TrainerAssignment.Role(invitation.role).label),
            "message": invitation.message,
            "link": absolute_url(reverse("accreditation:invitation-answer", args=[invitation.pk])),
        }
    return Draft(
        kind=kind,
        to=person.email,
        language=language,
        values=values,
        dedupe_key=dedupe_key,
        person_id=person.pk,
        gender=person.gender,
        topic=("event", event.pk),
    )


def _refusal(event: TrainingEvent, today: datetime.date) -> str:
    if event.status in (TrainingEvent.Status.CANCELLED, TrainingEvent.Status.COMPLETED):
        return _("Experts cannot be invited to a %(status)s event.") % {"status": event.get_status_display()}
    if event.start_date <= today:
        return _("Experts can only be invited to an event that has not started.")
    return ""


@transaction.atomic
def invite_experts(
    *,
    event: TrainingEvent,
    experts: list[Expert],
    role: str,
    message: str = "",
    by=None,
    today: datetime.date | None = None,
) -> list[DeliveryInvitation]:
    """Invite experts to deliver the event in a role, and queue each one's e-mail.

    Experts already on the event or already holding a pending invitation to it are skipped (a
    second click invites nobody twice); refuses when nobody is left to invite.
    """
    today = today or timezone.localdate()
    if refusal := _refusal(event, today):
        raise DomainError(refusal, field="event")
    if role not in TrainerAssignment.Role.values:
        raise DomainError(_("Choose a role."), field="role")
    on_event = set(TrainerAssignment.objects.filter(event=event).values_list("person_id", flat=True))
    pending = set(
        DeliveryInvitation.objects.filter(event=event, status=S.PENDING).values_list("expert_id", flat=True)
    )
    created = []
    for expert in experts:
        if expert.person_id in on_event or expert.pk in pending or expert.person.erased_at:
            continue
        invitation = DeliveryInvitation.objects.create(
            event=event, expert=expert, role=role, message=message.strip(), invited_by=by
        )
        created.append(invitation)
    if not created:
        raise DomainError(
            _("Nobody was invited: every expert chosen is already on the event or already invited."),
            field="experts",
        )
    drafts = [
        d
        for d in (
            _draft(i, kind=DELIVERY_INVITATION, dedupe_key=f"{DELIVERY_INVITATION}:{i.pk}") for i in created
        )
        if d
    ]
    queue_messages(drafts=drafts, by=by)
    return created


def _locked(invitation: DeliveryInvitation) -> DeliveryInvitation:
    return (
        DeliveryInvitation.objects.select_for_update(of=("self",))
        .select_related("event", "expert__person")
        .get(pk=invitation.pk)
    )


def _closed(invitation: DeliveryInvitation) -> DomainError:
    return DomainError(
        _("This invitation is no longer open (%(status)s).") % {"status": invitation.get_status_display()},
        code="closed",
    )


@transaction.atomic
def accept_invitation(*, invitation: DeliveryInvitation, by=None) -> DeliveryInvitation:
    """The expert accepts: they are assigned to the event in the invited role.

    The assignment goes through the double-booking rule: an expert booked on an overlapping
    event is refused and the invitation stays pending. Accepting twice changes nothing.
    """
    invitation = _locked(invitation)
    if invitation.status == S.ACCEPTED:
        return invitation
    if invitation.status != S.PENDING:
        raise _closed(invitation)
    if refusal := _refusal(invitation.event, timezone.localdate()):
        # The event was cancelled or has started since the invitation: nobody joins it now.
        raise DomainError(refusal, code="closed")
    invitation.assignment = assign_trainer(
        event=invitation.event, person=invitation.expert.person, role=invitation.role, by=by
    )
    invitation.status = S.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.answer_reason = ""
    invitation._history_user = by
    invitation.save()
    return invitation


@transaction.atomic
def decline_invitation(*, invitation: DeliveryInvitation, reason: str, by=None) -> DeliveryInvitation:
    """The expert declines, saying why (the coordinator reads the reason). Declining twice
    changes nothing."""
    invitation = _locked(invitation)
    if invitation.status == S.DECLINED:
        return invitation
    if invitation.status != S.PENDING:
        raise _closed(invitation)
    if not reason.strip():
        raise DomainError(_("Say why you decline: the coordinator reads it."), field="reason")
    invitation.status = S.DECLINED
    invitation.answer_reason = reason.strip()
    invitation.answered_at = timezone.now()
    invitation._history_user = by
    invitation.save()
    return invitation


@transaction.atomic
def withdraw_invitation(*, invitation: DeliveryInvitation, by=None) -> DeliveryInvitation:
    """The coordinator withdraws a pending invitation. Withdrawing twice changes nothing; an
    answered invitation cannot be withdrawn (take the trainer off the event instead)."""
    invitation = _locked(invitation)
    if invitation.status == S.WITHDRAWN:
        return invitation
    if invitation.status != S.PENDING:
        raise _closed(invitation)
    invitation.status = S.WITHDRAWN
    invitation.answered_at = timezone.now()
    invitation._history_user = by
    invitation.save()
    return invitation


@transaction.atomic
def expire_started_invitations(*, today: datetime.date) -> int:
    """Invitations still pending when their event starts can no longer be answered."""
    return DeliveryInvitation.objects.filter(status=S.PENDING, event__start_date__lte=today).update(
        status=S.EXPIRED, answered_at=timezone.now()
    )


@transaction.atomic
def remind_pending_invitations(*, today: datetime.date) -> int:
    """Remind, once, each expert whose invitation has waited more than the reminder delay.

    The reminded mark and the e-mail are written together; a second run reminds nobody again.
    """
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=reminder_days()), datetime.time.min)
    )
    due = list(
        DeliveryInvitation.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(status=S.PENDING, reminded_at__isnull=True, invited_at__lt=since, event__start_date__gt=today)
        .select_related("event", "expert__person")
    )
    drafts = [
        d
        for d in (_draft(i, kind=DELIVERY_REMINDER, dedupe_key=f"{DELIVERY_REMINDER}:{i.pk}") for i in due)
        if d
    ]
    queue_messages(drafts=drafts)
    DeliveryInvitation.objects.filter(pk__in=[i.pk for i in due]).update(reminded_at=timezone.now())
    return len(due)

"""Opening an expert's account on the portal, and closing it (issue 17). The account is linked
to the expert's Person; it has no role, so it sees only the expert's own pages."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.messages import EXPERT_WELCOME
from accreditation.models import Expert, ExpertStatus
from accreditation.welcome import expert_welcome_url
from mailing.services.outbox import Draft, queue_messages
from people.errors import DomainError
from people.roles import user_roles

# Who may be invited: experts who teach, or are about to (the workshop's participants).
INVITABLE_STATUSES = (ExpertStatus.ACCREDITED, ExpertStatus.PRE_ACCREDITED, ExpertStatus.IN_WORKSHOP)


def check_invitable(expert: Expert) -> None:
    """Refuse an expert the portal is not for, or who cannot receive the invitation."""
    person = expert.person
    if expert.status not in INVITABLE_STATUSES:
        raise DomainError(
            _(
                "Only accredited and pre-accredited experts and workshop participants are invited "
                "to the portal."
            ),
            code="status",
        )
    if not person.email:
        raise DomainError(
            _("This expert has no e-mail address: add one to their record first."), code="email"
        )
    if person.user_id is not None and person.user.is_active:
        raise DomainError(_("This expert already has an account."), code="has_account")


def _account_for(person):
    """The person's closed account opened again, or a new password-less one. An address that
    already signs in another user is refused: that account must not become the expert's."""
    user_model = get_user_model()
    if person.user_id is not None:
        return person.user
    taken = user_model.objects.filter(username__iexact=person.email).exists() or (
        user_model.objects.filter(email__iexact=person.email).exists()
    )
    if taken:
        raise DomainError(
            _("This address already belongs to another account of the site."), code="email_taken"
        )
    user = user_model(username=person.email.lower(), email=person.email)
    user.set_unusable_password()
    return user


@transaction.atomic
def invite_expert(*, expert: Expert, by) -> Expert:
    """Open a password-less account linked to the expert's Person and queue the welcome e-mail,
    in the expert's language, with a once-only link to choose a password (no password travels
    by e-mail). Audited on the Person's history."""
    expert = Expert.objects.select_for_update(of=("self",)).select_related("person__user").get(pk=expert.pk)
    check_invitable(expert)
    person = expert.person
    user = _account_for(person)
    user.first_name, user.last_name = person.given_name[:150], person.family_name[:150]
    user.email = person.email
    user.is_active = True
    user.save()
    person.user = user
    person._history_user = by
    person._change_reason = "Invited to the experts' portal"
    person.save()
    _queue_welcome(expert=expert, user=user, by=by)
    return expert


def _queue_welcome(*, expert: Expert, user, by) -> None:
    person = expert.person
    values = {
        "name": str(person), "link": expert_welcome_url(user),
        "days": str(getattr(settings, "STCE_FOCAL_POINT_LINK_DAYS", 14)),
    }
    queue_messages(drafts=[Draft(
        kind=EXPERT_WELCOME, to=person.email, language=person.preferred_language, values=values,
        person_id=person.pk, gender=person.gender or "",
        dedupe_key=f"{EXPERT_WELCOME}:{expert.pk}:{timezone.now().isoformat()}",
    )], by=by)


@transaction.atomic
def withdraw_portal_access(*, expert: Expert, by) -> Expert:
    """Close the expert's account (deactivated, kept for the audit trail; an invitation opens
    it again). An account with a role of its own is not the portal's to close."""
    person = expert.person
    user = person.user
    if user is None or not user.is_active:
        raise DomainError(_("This expert has no open account."), code="no_account")
    if user_roles(user) or user.is_staff or user.is_superuser:
        raise DomainError(
            _("This account has a role of its own on the site; an administrator manages it."), code="has_role"
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    person._history_user = by
    person._change_reason = "Access to the experts' portal withdrawn"
    person.save()
    return expert

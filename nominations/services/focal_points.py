"""Giving and withdrawing the focal-point role, and inviting a new focal point."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.errors import DomainError
from people.roles import user_roles

from ..models import FocalPoint
from .mail import queue_focal_point_welcome


@transaction.atomic
def appoint_focal_point(
    *, user, countries, organisation=None, preferred_language: str = "en", by=None, reason: str = "Appointed"
) -> FocalPoint:
    """Make a user the focal point of the given countries (a second call changes the scope
    and gives a withdrawn role back)."""
    countries = list(countries)
    if not countries:
        raise DomainError(_("A focal point needs at least one country."), field="countries")
    if organisation is not None and organisation.country_id not in {c.pk for c in countries}:
        raise DomainError(_("The organisation is not in one of the countries."), field="organisation")
    focal_point = FocalPoint.objects.filter(user=user).first() or FocalPoint(user=user)
    focal_point.organisation = organisation
    focal_point.preferred_language = preferred_language
    focal_point.withdrawn_at = None
    focal_point._history_user = by
    focal_point._change_reason = reason
    focal_point.save()
    focal_point.countries.set(countries)
    return focal_point


def _account_for(email: str):
    """The account to make a focal point of: a new one, or the one of a withdrawn focal point
    (invited again). An address that already signs someone else in is refused: a
    coordinator's or trainer's account must not gain the role by an invitation to their address."""
    user_model = get_user_model()
    found = list(
        user_model.objects.select_for_update()
        .filter(Q(email__iexact=email) | Q(username__iexact=email))[:2]
    )
    if not found:
        user = user_model(username=email.lower(), email=email)
        user.set_unusable_password()
        return user
    role = FocalPoint.objects.filter(user=found[0]).first() if len(found) == 1 else None
    if role is None:
        raise DomainError(
            _(
                "This address already belongs to an account of the site. "
                "A focal point needs an address of their own."
            ),
            field="email",
        )
    if role.withdrawn_at is None:
        raise DomainError(_("This person is already a focal point."), field="email")
    return found[0]


@transaction.atomic
def invite_focal_point(
    *, given_name: str, family_name: str, email: str, countries, organisation=None,
    preferred_language: str = "en", by=None,
) -> FocalPoint:
    """Open an account for a focal point and queue their invitation: an e-mail, in their
    language, with a link to choose their password (no password travels by e-mail)."""
    email = (email or "").strip()
    if not email:
        raise DomainError(_("Enter the focal point's e-mail address."), field="email")
    if not (family_name or "").strip():
        raise DomainError(_("Enter the focal point's family name."), field="family_name")
    user = _account_for(email)
    user.first_name, user.last_name = (given_name or "").strip(), family_name.strip()
    user.email = email
    user.is_active = True
    user.save()
    focal_point = appoint_focal_point(
        user=user, countries=countries, organisation=organisation,
        preferred_language=preferred_language, by=by, reason="Invited",
    )
    queue_focal_point_welcome(focal_point=focal_point, by=by)
    return focal_point


@transaction.atomic
def withdraw_focal_point(*, focal_point: FocalPoint, by=None) -> FocalPoint:
    """End the role (the row stays for the audit trail). An account that has nothing else to
    do on the site is closed with it; an account with a role of its own stays open."""
    focal_point = FocalPoint.objects.select_for_update().select_related("user").get(pk=focal_point.pk)
    if focal_point.withdrawn_at is None:
        focal_point.withdrawn_at = timezone.now()
        focal_point._history_user = by
        focal_point._change_reason = "Role withdrawn"
        focal_point.save()
        user = focal_point.user
        if user.is_active and not user_roles(user):
            user.is_active = False
            user.save(update_fields=["is_active"])
    return focal_point

"""Giving and withdrawing the focal-point role."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.errors import DomainError

from ..models import FocalPoint


@transaction.atomic
def appoint_focal_point(
    *, user, countries, organisation=None, preferred_language: str = "en", by=None
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
    focal_point.save()
    focal_point.countries.set(countries)
    return focal_point


@transaction.atomic
def withdraw_focal_point(*, focal_point: FocalPoint, by=None) -> FocalPoint:
    if focal_point.withdrawn_at is None:
        focal_point.withdrawn_at = timezone.now()
        focal_point._history_user = by
        focal_point._change_reason = "Role withdrawn"
        focal_point.save()
    return focal_point

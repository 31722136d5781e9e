"""What a focal point may see: their countries' invitations and their own nominees. Anything
else is answered with 404, never 403, so that ids reveal nothing."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import FocalPoint, Invitation, Nomination


def focal_point_of(user) -> FocalPoint:
    focal_point = FocalPoint.objects.active().filter(user=user).first() if user.is_authenticated else None
    if focal_point is None:
        raise Http404
    return focal_point


def invitations_for(focal_point: FocalPoint):
    countries = focal_point.countries.all()
    return Invitation.objects.filter(country__in=countries).select_related("event", "country")


def nominations_for(focal_point: FocalPoint):
    return Nomination.objects.filter(
        nominated_by=focal_point, invitation__country__in=focal_point.countries.all()
    ).select_related("invitation__event", "invitation__country")


def own_nomination(focal_point: FocalPoint, pk: int) -> Nomination:
    return get_object_or_404(nominations_for(focal_point), pk=pk)

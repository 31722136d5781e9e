"""Fetching events for the signed-in user: an event they may not see is a 404, never a 403."""

from django.shortcuts import get_object_or_404

from courses.models import TrainingEvent


def event_for(user, pk: int, queryset=None) -> TrainingEvent:
    """The event if `user` may see it (coordinators and administrators: any; trainers: their
    own), otherwise Http404 so that nobody learns which events exist."""
    queryset = queryset if queryset is not None else TrainingEvent.objects.all()
    return get_object_or_404(queryset.visible_to(user), pk=pk)

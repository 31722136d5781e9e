"""What an expert who signs in may see: their own Expert record and what hangs from it.

An expert's account is the user linked to the expert's Person. Anything that is not theirs is
answered with 404, never 403, so that ids reveal nothing (as nominations/access.py does for
focal points)."""

from django.http import Http404

from .models import Expert


def expert_of(user) -> Expert:
    """The signed-in user's own Expert record, or 404 for every other user."""
    expert = (
        Expert.objects.select_related("person", "person__country", "nominating_administration")
        .filter(person__user=user, person__erased_at__isnull=True).first()
        if user.is_authenticated
        else None
    )
    if expert is None:
        raise Http404
    return expert


def is_expert(user) -> bool:
    return user.is_authenticated and Expert.objects.filter(person__user=user).exists()

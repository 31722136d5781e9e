"""Calendar feeds: each trainer's and coordinator's events at a secret address.

The address holds 256 random bits; only their SHA-256 digest is stored, so a copy of the
database does not give anyone's calendar away. A trainer's feed lists the events they are
assigned to; a coordinator's and an administrator's, the programme's events.
"""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils import timezone

from courses.models import AgendaItem, CalendarFeed, EventDay, TrainingEvent
from people.roles import TRAINER, can_see_all_events, has_role

# A programme-wide feed reaches back a year; older events no longer matter to a calendar.
PAST = datetime.timedelta(days=365)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_feed(*, user) -> str:
    """A new secret address for the user's calendar (any earlier one stops working); returns
    the secret, which is not kept and cannot be shown again."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_digest": _digest(token), "last_read_at": None}
    )
    return token


@transaction.atomic
def revoke_feed(*, user) -> None:
    """The user's feed address stops working."""
    CalendarFeed.objects.filter(user=user).delete()


def user_for_token(token: str):
    """The active user whose feed this is, or None."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_digest=_digest(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    if feed.last_read_at is None or timezone.now() - feed.last_read_at > datetime.timedelta(hours=1):
        # Kept roughly, so that a user sees whether their calendar app reads the feed.
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    return feed.user


def events_for_feed(user):
    """What the user's calendar shows (none for a user without a role)."""
    events = TrainingEvent.objects.exclude(status=TrainingEvent.Status.DRAFT)
    if can_see_all_events(user):
        events = events.filter(end_date__gte=timezone.localdate() - PAST)
    elif has_role(user, TRAINER):
        events = events.for_trainer(user)
    else:
        return TrainingEvent.objects.none()
    return (
        events.annotate(date_change_count=Count("date_changes", distinct=True))
        .prefetch_related(
            Prefetch(
                "days",
                EventDay.objects.prefetch_related(
                    Prefetch("items", AgendaItem.objects.select_related("module"))
                ),
            )
        )
        .order_by("start_date", "pk")
    )

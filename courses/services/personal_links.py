"""Signed links to an event's page for people without an account (participants).

The link names the event and the person, signed with the site's secret key, so it cannot be
made up or changed; the page stops answering two months after the event ends.
"""

import datetime

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from people.links import absolute_url

SALT = "courses.personal-event-page"
VALID_AFTER_END = datetime.timedelta(days=60)
MAX_AGE = datetime.timedelta(days=2 * 365)


def personal_token(event, person) -> str:
    return signing.dumps([event.pk, person.pk], salt=SALT, compress=True)


def personal_url(event, person) -> str:
    return absolute_url(reverse("courses:personal-page", args=[personal_token(event, person)]))


def read_token(token: str) -> tuple[int, int] | None:
    """(event id, person id) of a genuine, unexpired link, else None."""
    try:
        event_id, person_id = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(event_id, int) and isinstance(person_id, int)):
        return None
    return event_id, person_id


def still_valid(event, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return today <= event.end_date + VALID_AFTER_END

"""The participant's own page is reached from a signed, expiring link: the nomination's id
signed with the site's key and the time it was made (no account, nothing to guess)."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from people.links import absolute_url

SALT = "nominations.participant-page"


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "STCE_PARTICIPANT_LINK_DAYS", 120))


def participant_token(nomination) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(nomination.pk))


def participant_url(nomination) -> str:
    return absolute_url(reverse("nominations:participant", args=[participant_token(nomination)]))


def read_participant_token(token: str) -> int | None:
    """The nomination id of a genuine link younger than max_age(), else None."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age())
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return int(value) if value.isdigit() else None

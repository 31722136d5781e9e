"""Links that leave the site by e-mail. The participant's own page is reached from a signed,
expiring link: the nomination's id signed with the site's key and the time it was made (no
account, nothing to guess). A new focal point chooses their password from a welcome link."""

import datetime

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

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


class FocalPointWelcomeTokens(PasswordResetTokenGenerator):
    """The link in a focal point's invitation, to choose their password. Django's reset token,
    with its own salt (a password-reset token is no welcome token) and a longer life: the
    e-mail may wait in an administration's inbox. It stops working once a password is set
    or the user signs in (both change what the token hashes)."""

    key_salt = "nominations.focal-point-welcome"

    def check_token(self, user, token) -> bool:
        # Django's check, with this link's lifetime instead of PASSWORD_RESET_TIMEOUT.
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        days = getattr(settings, "STCE_FOCAL_POINT_LINK_DAYS", 14)
        if self._num_seconds(self._now()) - ts > days * 24 * 3600:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


welcome_tokens = FocalPointWelcomeTokens()


def welcome_url(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return absolute_url(
        reverse("nominations:focal-welcome", args=[uidb64, welcome_tokens.make_token(user)])
    )

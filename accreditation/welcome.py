"""The link in an expert's invitation to the portal: the focal points' welcome token (once only,
14 days, void once a password is set or the user signs in), with a salt of its own so that a
focal point's link is no expert's link and the reverse."""

from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nominations.links import FocalPointWelcomeTokens
from people.links import absolute_url


class ExpertWelcomeTokens(FocalPointWelcomeTokens):
    key_salt = "accreditation.expert-welcome"


expert_welcome_tokens = ExpertWelcomeTokens()


def expert_welcome_url(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return absolute_url(
        reverse("accreditation:expert-welcome", args=[uidb64, expert_welcome_tokens.make_token(user)])
    )

"""Two-factor sign-in (django-otp): who needs it, and the check views use.

Coordinators and administrators (and any staff or superuser account) confirm each sign-in
with a code from an authenticator app (TOTP) or a one-time recovery code, when
settings.STCE_REQUIRE_2FA is on (the default when DJANGO_DEBUG=0). Sign-in is two steps:
Django's password LoginView signs the user in (the session is "password only"), then the
verify page accepts a code and marks the session verified (django_otp.login keeps the
device in the session; request.user.is_verified() is True until sign-out).
stce.middleware.SecondFactorMiddleware sends a password-only session of such a user to the
verify page from every other page; `second_factor_required` guards the actions that must
never run on one, whoever the user is (accreditation decisions). The writes (devices,
codes) are in people.services.twofactor.
"""

import re
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticToken

from people import roles

TOTP_PATTERN = re.compile(r"^\d{6}$")
# The setup page hands the new recovery codes to the page that shows them, once.
NEW_CODES_SESSION_KEY = "stce_new_recovery_codes"


def needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or roles.has_role(user, roles.COORDINATOR, roles.ADMINISTRATOR)


def url_with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def redirect_to_second_factor(request):
    """To the verify page (the setup page for a user with no authenticator), and back after:
    to this page, or for a form sent (POST) to the page it was sent from, so nothing is done
    behind the user's back and no POST-only address is opened with GET."""
    name = "people:two-factor-verify" if user_has_device(request.user) else "people:two-factor-setup"
    if request.method in ("GET", "HEAD"):
        back = request.get_full_path()
    else:
        back = safe_next(request, request.META.get("HTTP_REFERER", ""))
    return redirect(url_with_next(name, back))


def safe_next(request, candidate: str) -> str:
    """Where to go after a two-factor page: `candidate` if it is a page of this site, else home."""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)  # a URL name in the settings


def second_factor_required(view):
    """For actions that must never run on a password-only session (accreditation decisions).

    Enforced whenever STCE_REQUIRE_2FA is on, whatever the user's role: the middleware covers
    coordinators and administrators everywhere; this states the rule at the view and holds if
    who needs a second factor ever changes.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if settings.STCE_REQUIRE_2FA and not request.user.is_verified():
            return redirect_to_second_factor(request)
        return view(request, *args, **kwargs)

    wrapper.second_factor_required = True
    return wrapper


def normalise(code: str) -> str:
    """Codes as people type them: '123 456', 'ABCD-EFGH ' -> '123456', 'abcdefgh'."""
    return re.sub(r"[\s-]+", "", code or "").lower()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()

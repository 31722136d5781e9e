"""Two-factor sign-in pages: set up an authenticator app, verify a sign-in, recovery codes.

The rules are in people.twofactor, the writes in people.services.twofactor.
"""

from base64 import b32encode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from people import twofactor
from people.errors import DomainError
from people.forms.twofactor import AuthenticatorCodeForm, SecondFactorCodeForm
from people.services import twofactor as services


def _next_url(request) -> str:
    return twofactor.safe_next(request, request.POST.get("next") or request.GET.get("next") or "")


def _mark_verified(request, device) -> None:
    django_otp.login(request, device)  # the device's id goes into the session
    request.session.cycle_key()  # a new session id for the now fully signed-in session


@never_cache  # the page shows the key
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if user_has_device(user) and not user.is_verified():
        # Replacing an authenticator takes the second factor, not just the password.
        return redirect(twofactor.url_with_next("people:two-factor-verify", request.get_full_path()))
    device = services.pending_authenticator(user=user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_authenticator(
                user=user, device_id=device.pk, code=form.cleaned_data["code"]
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            device.refresh_from_db()
            _mark_verified(request, device)
            request.session[twofactor.NEW_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(twofactor.url_with_next("people:two-factor-recovery-codes", _next_url(request)))
    qr_code = segno.make(device.config_url, error="m")
    return render(request, "people/two_factor_setup.html", {
        "form": form,
        # segno's inline SVG has no script and no style attribute: the CSP allows it.
        "qr_svg": mark_safe(  # noqa: S308 (our own title; the rest is segno's markup)
            qr_code.svg_inline(
                scale=4, dark="black", light="white", title=_("QR code for your authenticator app")
            )
        ),
        "secret": " ".join(_chunks(b32encode(device.bin_key).decode(), 4)),
        "replaces": user.is_verified(),
        "next": _next_url(request),
    })


def _chunks(text: str, size: int) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not user_has_device(user):
        return redirect(twofactor.url_with_next("people:two-factor-setup", next_url))
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.check_code(user=user, code=form.cleaned_data["code"])
        except DomainError as error:
            form.add_error(error.field, error.message)
            # A refused code counts with django-axes like a wrong password: same username, same
            # lockout. When it locks, the half-signed-in session ends and AxesMiddleware answers
            # with the lockout page (HTTP 429); the password step is then refused too.
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=request
            )
            if getattr(request, "axes_locked_out", False):
                logout(request)
        else:
            _mark_verified(request, device)
            if isinstance(device, StaticDevice):
                left = twofactor.recovery_codes_left(user)
                messages.warning(request, ngettext(
                    "You signed in with a recovery code; %(count)d is left. "
                    "Make new ones under Two-factor sign-in.",
                    "You signed in with a recovery code; %(count)d are left. "
                    "Make new ones under Two-factor sign-in.",
                    left,
                ) % {"count": left})
            return redirect(next_url)
    return render(request, "people/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache  # the page shows new codes
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New codes are shown once, right after they are made; POST makes a new set."""
    user = request.user
    if not user.is_verified():
        return twofactor.redirect_to_second_factor(request)
    if request.method == "POST":
        request.session[twofactor.NEW_CODES_SESSION_KEY] = services.replace_recovery_codes(user=user)
        if isinstance(user.otp_device, StaticDevice):
            # Signed in with a recovery code: its device was just replaced, and the session
            # would stop counting as verified.
            django_otp.login(request, StaticDevice.objects.get(user=user))
        return redirect("people:two-factor-recovery-codes")
    codes = request.session.pop(twofactor.NEW_CODES_SESSION_KEY, None)
    return render(request, "people/two_factor_recovery_codes.html", {
        "codes": [f"{code[:4]}-{code[4:]}" for code in codes or []],
        "left": twofactor.recovery_codes_left(user),
        "next": _next_url(request),
    })

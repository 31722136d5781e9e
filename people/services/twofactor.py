"""Two-factor devices: set up an authenticator app, check a code, recovery codes, reset.

django-otp keeps an authenticator as a TOTPDevice (its key) and the recovery codes as one
StaticDevice with a StaticToken per code. A wrong code counts on the device it was tried
on (django-otp's back-off: 1, 2, 4 ... seconds before the next try), and that count must
survive the refusal, so the functions that check a code commit before they raise.
"""

import math

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.errors import DomainError
from people.twofactor import TOTP_PATTERN, normalise

RECOVERY_CODE_COUNT = 10


@transaction.atomic
def pending_authenticator(*, user) -> TOTPDevice:
    """The authenticator being set up, not confirmed yet: the same one on every visit to the
    setup page, so the QR code does not change under the user's phone."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_authenticator(*, user, device_id: int, code: str) -> list[str]:
    """Check the first code of a new authenticator; it then replaces any earlier one, and a
    new set of recovery codes is made and returned (the old codes stop working).

    Refuses a code that is not 6 digits, a wrong code (counted) and any code during the
    back-off after wrong ones. Not one transaction on purpose: a wrong code is counted
    (committed) before the refusal is raised.
    """
    code = normalise(code)
    if not TOTP_PATTERN.match(code):
        raise DomainError(_("Enter the 6 digits the app shows."), field="code")
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(pk=device_id, user=user, confirmed=False).first()
        )
        if device is None:
            raise DomainError(_("This set-up has expired. Reload the page and scan the new QR code."),
                              field="code")
        refusal = _refusal(device, code, wrong=_(
            "That code is not right. Check the time on your phone and enter the code the app shows now."
        ))
        if refusal is None:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = replace_recovery_codes(user=user)
    if refusal is not None:
        raise DomainError(refusal, field="code")
    return codes


def check_code(*, user, code: str) -> TOTPDevice | StaticDevice:
    """The device that accepts this code: the authenticator for 6 digits, else a recovery
    code (used up by this). Refuses a wrong code (counted, as a wrong password is) and any
    code during the back-off after wrong ones.

    Only the one device the code's shape points at is tried: trying each would count a
    failure, and start a back-off, on every device of the user. Not one transaction on
    purpose: a wrong code is counted (committed) before the refusal is raised.
    """
    code = normalise(code)
    model = TOTPDevice if TOTP_PATTERN.match(code) else StaticDevice
    wrong = _("That code is not right.")
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        refusal = wrong if device is None or not code else _refusal(device, code, wrong=wrong)
    if refusal is not None:
        raise DomainError(refusal, field="code")
    return device


@transaction.atomic
def replace_recovery_codes(*, user) -> list[str]:
    """Forget the user's recovery codes and make RECOVERY_CODE_COUNT new ones (40 random bits
    each), returned once for the user to keep."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def reset_two_factor(*, user) -> int:
    """Remove the user's authenticator and recovery codes (a lost phone and lost codes); they
    set up a new authenticator at their next sign-in. Returns how many devices went."""
    authenticators = TOTPDevice.objects.filter(user=user)
    code_sets = StaticDevice.objects.filter(user=user)
    removed = authenticators.count() + code_sets.count()
    authenticators.delete()
    code_sets.delete()
    return removed


def _refusal(device, code: str, *, wrong: str) -> str | None:
    """Why the device refuses the code (a wrong code is counted on it), or None if it accepts."""
    allowed, info = device.verify_is_allowed()
    if not allowed:
        locked_until = (info or {}).get("locked_until")
        if locked_until is None:
            return _("Too many wrong codes. Try again later.")
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
        return ngettext(
            "Too many wrong codes. Wait %(seconds)d second and try again.",
            "Too many wrong codes. Wait %(seconds)d seconds and try again.", seconds,
        ) % {"seconds": seconds}
    return None if device.verify_token(code) else wrong

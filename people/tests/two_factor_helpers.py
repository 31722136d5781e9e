"""What tests need to sign in with two factors: codes computed from the device's key."""

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice


def next_totp_code(device: TOTPDevice) -> str:
    """A code the device accepts now and has not accepted before.

    django-otp refuses a code from a time step it already accepted (device.last_t), so a
    second sign-in within the same 30 s needs the next step's code (tolerance 1 accepts it).
    Zero-padded: hotp() returns an int, and one code in ten starts with a 0.
    """
    device.refresh_from_db()
    current = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    step = max(current, device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def sign_in(client, username: str, password: str, **extra):
    """The password step through the real login view (client.login() passes no request, which
    django-axes' backend needs)."""
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def sign_in_verified(client, user, device: TOTPDevice | None = None) -> TOTPDevice:
    """Both steps done: force_login, and the session marked as verified by a device."""
    client.force_login(user)
    device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device

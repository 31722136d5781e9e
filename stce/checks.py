"""System checks that stop a production start-up with a setting that would mislead users."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from people.client_address import trusted_proxies


@register()
def public_url_is_set(app_configs=None, **kwargs):
    """Certificates carry their verification address for years: it must be the real one."""
    url = settings.STCE_PUBLIC_URL
    if url:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path not in {"", "/"}:
            return [Error(
                f"STCE_PUBLIC_URL must be the site's address, like https://stce.example.org (got {url!r}).",
                id="stce.E002",
            )]
        return []
    if not settings.DEBUG:
        return [Error(
            "STCE_PUBLIC_URL is not set. Certificates (QR codes), e-mails and calendar files "
            "would point to a development address.",
            hint="Set STCE_PUBLIC_URL to the address users reach the site at, e.g. https://stce.example.org.",
            id="stce.E001",
        )]
    return []


@register()
def trusted_proxies_are_valid(app_configs=None, **kwargs):
    """A typo here would silently key every lockout on the proxy again, or on a spoofed header."""
    try:
        trusted_proxies(settings.STCE_TRUSTED_PROXIES)
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="stce.E003")]
    return []

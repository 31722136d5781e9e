"""Absolute links for what leaves the site: QR codes, e-mails, calendar files, reports.

In production they are built from STCE_PUBLIC_URL, which a system check requires when
DJANGO_DEBUG=0. In development, with no STCE_PUBLIC_URL, they follow the address the server
was last reached at (remembered by stce.middleware.ServedAddressMiddleware in the shared
cache, so a worker process sees it too): a QR code printed from a laptop served on the
office network points at that laptop, not at 127.0.0.1 of the phone that scans it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

SERVED_ADDRESS_KEY = "stce:served-address"
DEVELOPMENT_ADDRESS = "http://127.0.0.1:8000"


def public_base_url() -> str:
    """The site's address without a trailing slash, e.g. https://stce.wcoomd.org."""
    configured = (settings.STCE_PUBLIC_URL or "").rstrip("/")
    if configured:
        return configured
    return cache.get(SERVED_ADDRESS_KEY) or DEVELOPMENT_ADDRESS


def absolute_url(path: str) -> str:
    """`path` (as from reverse() or get_absolute_url()) on the public address."""
    return public_base_url() + path


def public_host() -> str:
    """The host name alone, as in calendar UIDs (uid@host)."""
    return urlsplit(public_base_url()).netloc or "localhost"


def remember_served_address(address: str) -> None:
    """Development only: the address this server answered at, for links built outside a request."""
    if not settings.STCE_PUBLIC_URL and cache.get(SERVED_ADDRESS_KEY) != address:
        cache.set(SERVED_ADDRESS_KEY, address, timeout=None)

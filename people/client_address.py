"""The address of the client behind the request, for sign-in lockouts and rate limits.

Behind a reverse proxy every request comes from the proxy (REMOTE_ADDR), so keying a lockout
on it would lock everyone out together. The proxy reports the client it saw by appending it
to X-Forwarded-For; anything further left in that header is whatever the client sent, so it
is read from the right and only past hops that are known proxies. STCE_TRUSTED_PROXIES
says which hops those are (README, "Configuration"):

- unset or ``0``: no proxy is trusted; the header is ignored and REMOTE_ADDR is the client;
- a number N: N proxies in a row; the client is the N-th address from the right of
  REMOTE_ADDR + X-Forwarded-For (right for one nginx in front: ``1``);
- networks (``10.0.0.0/8,2001:db8::/32``): every hop inside them is a proxy, however many;
  the client is the first address from the right outside them.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_proxies(value: int | str | None) -> int | tuple[Network, ...]:
    """STCE_TRUSTED_PROXIES as a number of proxies or a tuple of networks."""
    if value is None or isinstance(value, int):
        count = value or 0
    else:
        text = value.strip()
        if not text.isdigit():
            try:
                return tuple(ipaddress.ip_network(part.strip(), strict=False)
                             for part in text.split(",") if part.strip())
            except ValueError as exc:
                raise ImproperlyConfigured(
                    f"STCE_TRUSTED_PROXIES must be a number of proxies or comma-separated networks "
                    f"such as 10.0.0.0/8 (got {value!r}): {exc}"
                ) from exc
        count = int(text)
    if count < 0:
        raise ImproperlyConfigured(f"STCE_TRUSTED_PROXIES cannot be negative (got {value!r}).")
    return count


def _address(text: str | None) -> str | None:
    """A normalised IP address, or None for anything else (ports, as some proxies add, dropped)."""
    text = (text or "").strip()
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _in(address: str, networks: tuple[Network, ...]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def client_address(request) -> str | None:
    """The client's IP address as the trusted proxies saw it; REMOTE_ADDR without proxies.

    Also django-axes' AXES_CLIENT_IP_CALLABLE, so lockouts key on the same address.
    """
    remote = _address(request.META.get("REMOTE_ADDR"))
    trusted = trusted_proxies(getattr(settings, "STCE_TRUSTED_PROXIES", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote is None or not trusted or not forwarded:
        return remote
    # Nearest hop last: REMOTE_ADDR is the proxy that spoke to us.
    chain = [part for part in forwarded.split(",") if part.strip()] + [remote]
    if isinstance(trusted, int):
        if len(chain) <= trusted:
            # Fewer hops than proxies: the request did not come through all of them.
            return remote
        return _address(chain[-1 - trusted]) or remote
    client = remote
    for hop in reversed(chain[:-1]):
        if not _in(client, trusted):
            break
        previous = _address(hop)
        if previous is None:
            break
        client = previous
    return client

"""Sign-in lockouts (django-axes) as administrators see and clear them.

With the database handler the lockouts are AccessAttempt rows. With the cache handler (Redis,
several app servers) axes keeps only a failure counter under a hashed key, which nobody can
list; so when axes locks someone out, `remember_lockout` also writes who and from where into
a numbered slot of the same cache, expiring with the lockout. The list reads the latest
slots and keeps those whose axes counter still says "locked".
"""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cache, get_cache_timeout, get_client_cache_keys
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from people.errors import DomainError

LAST_SLOT_KEY = "stce-lockouts:last"
SLOT_KEY = "stce-lockouts:slot:{}"
LISTED_KEY = "{}:stce-listed"
# The most recent lockouts the cache can list; each (username, address) takes one slot while
# it is locked, so this is the number of accounts locked out within one cool-off period.
LISTED_CACHE_LOCKOUTS = 1000


@dataclass(frozen=True)
class Lockout:
    """One locked (username, address), shaped like the AccessAttempt rows the page shows."""

    username: str
    ip_address: str | None
    failures_since_start: int
    attempt_time: datetime


def uses_database_lockouts() -> bool:
    return settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def _counter_key(username: str, ip_address: str | None) -> str:
    return get_client_cache_keys(AccessAttempt(username=username, ip_address=ip_address))[0]


def remember_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Receiver of axes' user_locked_out: note the lockout where the cache list finds it."""
    if uses_database_lockouts() or username is None:
        return
    cache = get_cache()
    timeout = get_cache_timeout(request)
    listed_key = LISTED_KEY.format(_counter_key(username, ip_address))
    slot = cache.get(listed_key)
    if slot is None:
        # incr is atomic in Redis, so two servers locking two accounts never share a slot.
        cache.add(LAST_SLOT_KEY, 0, timeout=None)
        slot = cache.incr(LAST_SLOT_KEY)
        cache.set(listed_key, slot, timeout=timeout)
    cache.set(
        SLOT_KEY.format(slot),
        {"username": username, "ip_address": ip_address, "at": timezone.now()},
        timeout=timeout,
    )


def _cache_lockouts() -> list[Lockout]:
    cache = get_cache()
    last = cache.get(LAST_SLOT_KEY) or 0
    first = max(1, last - LISTED_CACHE_LOCKOUTS + 1)
    slots = cache.get_many([SLOT_KEY.format(n) for n in range(first, last + 1)])
    newest: dict[tuple[str, str | None], dict] = {}
    for record in slots.values():
        pair = (record["username"], record["ip_address"])
        if pair not in newest or newest[pair]["at"] < record["at"]:
            newest[pair] = record
    counters = cache.get_many([_counter_key(*pair) for pair in newest])
    lockouts = [
        Lockout(username=username, ip_address=ip_address, attempt_time=record["at"],
                failures_since_start=counters.get(_counter_key(username, ip_address), 0))
        for (username, ip_address), record in newest.items()
    ]
    # Unlocked, or cooled off (the counter expired): not a lockout any more.
    return sorted(
        (lockout for lockout in lockouts if lockout.failures_since_start >= settings.AXES_FAILURE_LIMIT),
        key=lambda lockout: lockout.attempt_time, reverse=True,
    )


def current_lockouts():
    """Locked-out (username, address) pairs, newest first, from the database or the cache."""
    if not uses_database_lockouts():
        return _cache_lockouts()
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time", "-pk"
    )


def unlock_sign_in(*, username: str, ip_address: str | None = None) -> int:
    """Clear the failed sign-ins of a username, from one address or from every address it is
    locked out from. Returns how many records were cleared."""
    if ip_address or uses_database_lockouts():
        return reset(username=username, ip=ip_address or None)
    # The cache keys a counter by username *and* address: find the addresses in the list.
    addresses = {lockout.ip_address for lockout in _cache_lockouts() if lockout.username == username}
    if not addresses:
        raise DomainError(
            _("%(username)s is not locked out. To clear failed sign-ins below the limit, give the "
              "address they came from as well.") % {"username": username},
            field="ip_address",
        )
    return sum(reset(username=username, ip=address) for address in addresses)

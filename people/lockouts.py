"""Sign-in lockouts (django-axes) as administrators see and clear them."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.utils.translation import gettext as _

from people.errors import DomainError


def uses_database_lockouts() -> bool:
    return settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def current_lockouts():
    """Locked-out (username, address) pairs, newest first; only the database handler can list them."""
    if not uses_database_lockouts():
        return AccessAttempt.objects.none()
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
        "-attempt_time", "-pk"
    )


def unlock_sign_in(*, username: str, ip_address: str | None = None) -> int:
    """Clear the failed sign-ins of a username (from one address, or from every address when
    the lockouts are in the database). Returns how many records were cleared."""
    if not ip_address and not uses_database_lockouts():
        # The shared cache keys a lockout by username *and* address; it cannot search by one.
        raise DomainError(_("Give the address the attempts came from as well."), field="ip_address")
    return reset(username=username, ip=ip_address or None)

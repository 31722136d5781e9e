"""The three roles of the application and the checks every view uses.

Roles are Django groups (created by a data migration). A superuser counts as an
administrator. Views declare who may use them with `role_required`; objects that a
trainer may not see are answered with 404 by the access helpers, never 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

COORDINATOR = "Programme coordinator"
TRAINER = "Trainer"
ADMINISTRATOR = "Administrator"
ALL_ROLES = (COORDINATOR, TRAINER, ADMINISTRATOR)

ROLE_LABELS = {
    COORDINATOR: _("Programme coordinator"),
    TRAINER: _("Trainer"),
    ADMINISTRATOR: _("Administrator"),
}


def user_roles(user) -> frozenset[str]:
    """The user's roles, cached on the user object for the length of the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_stce_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(ADMINISTRATOR)
        cached = frozenset(names & set(ALL_ROLES))
        user._stce_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def is_coordinator(user) -> bool:
    return has_role(user, COORDINATOR)


def is_administrator(user) -> bool:
    return has_role(user, ADMINISTRATOR)


def is_trainer(user) -> bool:
    return has_role(user, TRAINER)


def can_see_all_events(user) -> bool:
    return has_role(user, COORDINATOR, ADMINISTRATOR)


def role_required(*roles: str) -> Callable:
    """Anonymous users go to the login page; signed-in users without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = roles
        return wrapper

    return decorator


class RoleRequiredMixin:
    """Class-based equivalent of `role_required`; set `allowed_roles` on the view."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_role(request.user, *self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

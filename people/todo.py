"""What the home page lists as "needs doing", contributed per role by the apps above `people`.

The home page lives in the top layer but must not know every app's models, and apps that
come later (nominations) add their own items; so each app registers a provider here in its
AppConfig.ready. A provider takes the request and returns the items for that user, running a
fixed number of queries (ideally one aggregate) whatever the amount of data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from people import roles


@dataclass(frozen=True)
class TodoItem:
    label: str  # already counted and translated, e.g. ngettext("%(n)d event ...", ...)
    url: str
    count: int
    severity: str = "warning"  # a Bootstrap contextual name: info, warning, danger


@dataclass(frozen=True)
class TodoProvider:
    key: str
    role: str  # one of roles.ALL_ROLES; the provider runs only for users with that role
    items: Callable[[HttpRequest], list[TodoItem]]
    order: int = 100


_providers: dict[str, TodoProvider] = {}
# Counts shown next to a menu entry, e.g. the administrators' review queue: name -> (role, count).
_badges: dict[str, tuple[str, Callable[[HttpRequest], int]]] = {}


def register(provider: TodoProvider) -> None:
    _providers[provider.key] = provider


def register_badge(name: str, role: str, count: Callable[[HttpRequest], int]) -> None:
    """A count for the menu; it runs on every page for users with `role`, so one cheap COUNT."""
    _badges[name] = (role, count)


def badges_for(request: HttpRequest) -> dict[str, int]:
    user_roles = roles.user_roles(request.user)
    return {name: count(request) for name, (role, count) in _badges.items() if role in user_roles}


def todo_for(request: HttpRequest) -> dict[str, list[TodoItem]]:
    """The items with a non-zero count for each of the user's roles, keyed by role."""
    user_roles = roles.user_roles(request.user)
    result: dict[str, list[TodoItem]] = {role: [] for role in roles.ALL_ROLES if role in user_roles}
    for provider in sorted(_providers.values(), key=lambda p: (p.order, p.key)):
        if provider.role in user_roles:
            result[provider.role].extend(item for item in provider.items(request) if item.count)
    return result


def _lockout_items(request) -> list[TodoItem]:
    """Accounts locked out of signing in: one COUNT (or one cache read with the cache handler)."""
    from django.db.models import QuerySet
    from django.urls import reverse
    from django.utils.translation import ngettext

    from people.lockouts import current_lockouts

    lockouts = current_lockouts()
    n = lockouts.count() if isinstance(lockouts, QuerySet) else len(lockouts)
    label = ngettext("%(n)d sign-in lockout", "%(n)d sign-in lockouts", n) % {"n": n}
    return [TodoItem(label, reverse("people:lockout-list"), n, "danger")]


register(TodoProvider("people-lockouts", roles.ADMINISTRATOR, _lockout_items, 90))

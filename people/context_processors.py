from . import roles as role_checks


def roles(request):
    """Expose the signed-in user's roles so that navigation shows only what they may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_coordinator": False, "is_trainer": False, "is_administrator": False}
    return {
        "is_coordinator": role_checks.is_coordinator(user),
        "is_trainer": role_checks.is_trainer(user),
        "is_administrator": role_checks.is_administrator(user),
    }


def menu_badges(request):
    """Counts next to menu entries (see people/todo.py), only for the roles they concern."""
    from people.todo import badges_for

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu_badges": {}}
    return {"menu_badges": badges_for(request)}

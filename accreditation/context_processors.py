from people.roles import user_roles

from .access import is_expert


def expert(request):
    """Whether the menu leads to the expert's own pages. Asked only of signed-in users with no
    role of their own (as focal points): the pages of every other user cost no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user_roles(user):
        return {"is_expert": False}
    return {"is_expert": is_expert(user)}

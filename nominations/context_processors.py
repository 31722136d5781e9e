from people.roles import user_roles

from .models import FocalPoint


def focal_point(request):
    """Whether the menu leads to the focal point's pages. Asked only of signed-in users with no
    role of their own (focal points have none): the pages of every other user cost no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user_roles(user):
        return {"is_focal_point": False}
    return {"is_focal_point": FocalPoint.objects.active().filter(user=user).exists()}

"""Home pages, health check and error pages."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accreditation.access import is_expert
from courses.models import Module, TrainingEvent
from nominations.models import FocalPoint
from people import roles, todo


def home(request):
    """Each role lands on a page of what it works on; visitors are sent to sign in."""
    if not request.user.is_authenticated:
        return redirect("login")
    user = request.user
    if not roles.user_roles(user) and FocalPoint.objects.active().filter(user=user).exists():
        return redirect("nominations:focal-home")
    if not roles.user_roles(user) and is_expert(user):
        return redirect("accreditation:expert-home")
    context = {"roles": sorted(roles.ROLE_LABELS[r] for r in roles.user_roles(user))}
    if roles.can_see_all_events(user):
        context["upcoming_events"] = (
            TrainingEvent.objects.upcoming().select_related("host_country", "region")
            .order_by("start_date")[:8]
        )
        context["module_count"] = Module.objects.active().count()
    if roles.is_trainer(user):
        context["my_events"] = (
            TrainingEvent.objects.for_trainer(user).select_related("host_country")
            .order_by("-start_date")[:8]
        )
    context["todo"] = [(roles.ROLE_LABELS[role], items) for role, items in todo.todo_for(request).items()]
    return render(request, "stce/home.html", context)


@never_cache
@require_GET
def healthz(request):
    """Load balancers ask this; 503 tells them to take the server out of rotation."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)

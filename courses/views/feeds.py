"""Subscribing to one's calendar: the secret feed address, made, replaced or revoked here."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from courses.models import CalendarFeed
from courses.services.feeds import create_feed, events_for_feed, revoke_feed, user_for_token
from courses.services.icalendar import calendar
from people.links import absolute_url
from people.roles import ADMINISTRATOR, COORDINATOR, TRAINER, role_required


@never_cache
@role_required(COORDINATOR, ADMINISTRATOR, TRAINER)
def calendar_subscription(request):
    """GET shows whether a feed exists; POST makes a new address (shown once) or revokes it."""
    new_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            revoke_feed(user=request.user)
            messages.success(request, _("Your calendar address no longer works."))
            return redirect("courses:calendar-subscription")
        token = create_feed(user=request.user)
        new_url = absolute_url(reverse("courses:calendar-feed", args=[token]))
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "courses/calendar_subscription.html", {"feed": feed, "new_url": new_url})


def calendar_feed(request, token: str):
    """The feed a calendar app reads: no sign-in, the secret address is the key."""
    user = user_for_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(
        calendar(events_for_feed(user), name=_("WCO STCE")), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response

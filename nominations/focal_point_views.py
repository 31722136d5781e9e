"""Coordinators' screens for focal points (the list, the invitation, the withdrawal), the
welcome link where a new focal point chooses their password, and a focal point's page of
one of their nominees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.spreadsheets import DATETIME, Column
from people.errors import DomainError
from people.lists import Header, ListPage
from people.roles import ADMINISTRATOR, COORDINATOR, role_required

from .access import focal_point_of, own_nomination
from .forms import FocalPointFilter, FocalPointInviteForm
from .links import welcome_tokens
from .models import FocalPoint
from .services.focal_points import invite_focal_point, withdraw_focal_point


def _name(focal_point) -> str:
    return focal_point.user.get_full_name() or focal_point.user.get_username()


def _countries(focal_point) -> str:
    return ", ".join(sorted(str(c) for c in focal_point.countries.all()))


def _standing(focal_point) -> str:
    return _("Withdrawn") if focal_point.withdrawn_at else _("Focal point")


FOCAL_POINTS = ListPage(
    name="focal-points",
    title=gettext_lazy("Focal points"),
    filterset=FocalPointFilter,
    sorts={
        "name": ("user__last_name", "user__first_name", "pk"),
        "-name": ("-user__last_name", "-user__first_name", "-pk"),
        "invited": ("created_at", "pk"),
        "-invited": ("-created_at", "-pk"),
    },
    default_sort="name",
    page_size=50,
    headers=[
        Header(gettext_lazy("Name"), sort="name"),
        Header(gettext_lazy("Countries")),
        Header(gettext_lazy("Administration")),
        Header(gettext_lazy("Language")),
        Header(gettext_lazy("Invited"), sort="invited"),
        Header(gettext_lazy("Actions"), hidden=True),
    ],
    columns=[
        Column(gettext_lazy("Name"), _name),
        Column(gettext_lazy("E-mail"), lambda f: f.user.email),
        Column(gettext_lazy("Countries"), _countries),
        Column(gettext_lazy("Administration"), lambda f: f.organisation or ""),
        Column(gettext_lazy("Language"), lambda f: f.get_preferred_language_display()),
        Column(gettext_lazy("Invited"), lambda f: f.created_at, DATETIME),
        Column(gettext_lazy("Role"), _standing),
        Column(gettext_lazy("Withdrawn"), lambda f: f.withdrawn_at, DATETIME),
    ],
)


@role_required(COORDINATOR, ADMINISTRATOR)
def focal_point_list(request):
    focal_points = FocalPoint.objects.select_related("user", "organisation").prefetch_related("countries")
    return FOCAL_POINTS.apply(request, focal_points).response("nominations/focal_point_list.html")


@role_required(COORDINATOR)
def focal_point_invite(request):
    form = FocalPointInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            focal_point = invite_focal_point(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is a focal point; the invitation to choose a password is on its way "
                    "to %(email)s."
                )
                % {"name": _name(focal_point), "email": focal_point.user.email},
            )
            return redirect("nominations:focal-point-list")
    return render(request, "nominations/focal_point_invite.html", {"form": form})


@role_required(COORDINATOR)
def focal_point_withdraw(request, pk: int):
    """Confirm, then end the role. A withdrawn focal point is a 404 here: nothing to withdraw."""
    focal_point = get_object_or_404(
        FocalPoint.objects.active().select_related("user").prefetch_related("countries"), pk=pk
    )
    if request.method == "POST":
        withdraw_focal_point(focal_point=focal_point, by=request.user)
        messages.success(request, _("%(name)s is no longer a focal point.") % {"name": _name(focal_point)})
        return redirect("nominations:focal-point-list")
    return render(
        request,
        "nominations/focal_point_withdraw.html",
        {"focal_point": focal_point, "name": _name(focal_point), "countries": _countries(focal_point)},
    )


class FocalPointWelcomeView(PasswordResetConfirmView):
    """The link of a focal point's invitation: choose a password, then straight to their
    invitations, signed in. Only an active focal point's link works."""

    token_generator = welcome_tokens
    template_name = "nominations/focal_welcome.html"
    reset_url_token = "choose-password"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("nominations:focal-home")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is not None and not FocalPoint.objects.active().filter(user=user).exists():
            return None
        return user

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Welcome."))
        return super().form_valid(form)


@login_required
def focal_nomination(request, pk: int):
    """One of the focal point's own nominees: what was sent, the consent, the letter and each
    decision. Another focal point's nominee (another country's) is a 404."""
    nomination = own_nomination(focal_point_of(request.user), pk)
    history = nomination.history.order_by("history_date", "history_id").values(
        "history_date", "history_change_reason", "status"
    )
    labels = dict(nomination.Status.choices)
    return render(
        request,
        "nominations/focal_nomination.html",
        {
            "nomination": nomination,
            "event": nomination.invitation.event,
            "history": [
                {
                    "when": h["history_date"],
                    "status": labels.get(h["status"], h["status"]),
                    "what": _history_label(h["history_change_reason"] or ""),
                }
                for h in history
            ],
        },
    )


# The history's reasons are written in English by the services ("Declined: too junior"):
# the focal point reads the step in their language, and the coordinator's words as written.
def _history_label(reason: str) -> str:
    step, _sep, words = reason.partition(": ")
    steps = {
        "Nominated": _("Nominated"),
        "Nomination letter attached": _("Nomination letter attached"),
        "Accepted": _("Accepted"),
        "Declined": _("Declined"),
        "Withdrawn": _("Withdrawn"),
        "Waitlisted": _("Waitlisted"),
        "Promoted from the waitlist": _("Promoted from the waitlist"),
        "no seat left": _("no seat left"),
    }
    shown = steps.get(step, step)
    return f"{shown}: {steps.get(words, words)}" if words else shown

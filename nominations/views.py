"""The coordinator's nominations pages and the focal point's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.access import event_for
from documents.downloads import PDF, file_download
from people.errors import DomainError
from people.roles import COORDINATOR, is_coordinator, role_required

from .access import focal_point_of, invitations_for, nominations_for, own_nomination
from .figures import figures, with_no_show
from .forms import DecisionForm, InvitationForm, NominationForm
from .models import Invitation, Nomination
from .services.decisions import accept, decline, invite_country, nominate, withdraw_nomination

S = Nomination.Status


def _invitations(event):
    return (
        Invitation.objects.filter(event=event).select_related("country")
        .annotate(
            nominated=Count("nominations"),
            accepted=Count("nominations", filter=Q(nominations__status=S.ACCEPTED)),
            waitlisted=Count("nominations", filter=Q(nominations__status=S.WAITLISTED)),
        )
        .order_by("country__name")
    )


@role_required(COORDINATOR)
def event_nominations(request, pk: int):
    """Every invited country against its seats, and its nominees, in a fixed number of queries."""
    event = event_for(request.user, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invite_country(event=event, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The invitation is saved; the focal points are being told."))
            return redirect("nominations:event", pk=event.pk)
    nominations = with_no_show(
        Nomination.objects.filter(invitation__event=event)
        .select_related("invitation__country", "organisation")
        .order_by("invitation__country__name", "waitlist_position", "created_at", "pk")
    )
    by_country: dict[int, list] = {}
    for nomination in nominations:
        by_country.setdefault(nomination.invitation_id, []).append(nomination)
    invitations = list(_invitations(event))
    for invitation in invitations:
        invitation.listed = by_country.get(invitation.pk, [])
    per_country, total = figures(invitations)
    for invitation in invitations:
        invitation.figures = per_country[invitation.pk]
    return render(
        request, "nominations/event.html",
        {"event": event, "invitations": invitations, "form": form, "total": total},
    )


DECISIONS = {"accept": accept, "decline": decline, "withdraw": withdraw_nomination}


@role_required(COORDINATOR)
@require_POST
def decide(request, pk: int, nomination_pk: int, decision: str):
    event = event_for(request.user, pk)
    nomination = get_object_or_404(Nomination, pk=nomination_pk, invitation__event=event)
    if decision not in DECISIONS:
        raise Http404
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        DECISIONS[decision](nomination=nomination, reason=reason, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decision on %(name)s is recorded.") % {"name": nomination})
    return redirect("nominations:event", pk=event.pk)


@login_required
def focal_home(request):
    focal_point = focal_point_of(request.user)
    return render(
        request, "nominations/focal_home.html",
        {"invitations": invitations_for(focal_point).order_by("event__start_date", "country__name")},
    )


def _nominate_from_form(request, form, invitation, focal_point) -> bool:
    """Record the nomination the form holds; False (with the refusal on the form) if refused."""
    values = {k: v for k, v in form.cleaned_data.items() if k not in ("consent", "letter_file")}
    try:
        nominate(
            invitation=invitation, values=values, consent=form.cleaned_data["consent"],
            focal_point=focal_point, letter=form.cleaned_data.get("letter_file"), by=request.user,
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


@login_required
def focal_event(request, pk: int):
    """A focal point's view of one event: their countries' invitations, their own nominees,
    and the nomination form. Another country's event is a 404."""
    focal_point = focal_point_of(request.user)
    invitations = list(invitations_for(focal_point).filter(event_id=pk))
    if not invitations:
        raise Http404
    event = invitations[0].event
    countries = [invitation.country_id for invitation in invitations]
    form = NominationForm(request.POST or None, request.FILES or None, countries=countries)
    chosen = request.POST.get("invitation")
    invitation = next((i for i in invitations if str(i.pk) == chosen), invitations[0])
    posted = request.method == "POST" and form.is_valid()
    if posted and _nominate_from_form(request, form, invitation, focal_point):
        messages.success(request, _("The nomination is recorded."))
        return redirect("nominations:focal-event", pk=event.pk)
    return render(
        request, "nominations/focal_event.html",
        {
            "event": event, "invitations": invitations,
            "invitation_choices": [(i.pk, str(i.country)) for i in invitations],
            "nominations": nominations_for(focal_point).filter(invitation__event=event),
            "form": form,
        },
    )


@login_required
def letter(request, nomination_pk: int):
    """A nomination letter: the coordinators', or the focal point's own nominee's (else 404)."""
    if is_coordinator(request.user):
        nomination = get_object_or_404(Nomination, pk=nomination_pk)
    else:
        nomination = own_nomination(focal_point_of(request.user), nomination_pk)
    if not nomination.letter:
        raise Http404
    return file_download(nomination.letter.open("rb"), filename="nomination-letter.pdf", content_type=PDF)

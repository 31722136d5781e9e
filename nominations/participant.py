"""The participant's own page, opened from a signed, expiring link (no account), and the
form that e-mails a new link. Anything that is not a live link to an accepted nominee's
page is a 404; the form answers the same whether or not the address is known."""

from django import forms
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from certificates.files import certificate_pdf
from certificates.models import Certificate
from certificates.views.verify import over_rate_limit
from courses.models import AgendaItem, Attendance, EventDay, TrainingEvent
from courses.services.personal_links import personal_token
from documents.downloads import PDF, file_download

from .links import read_participant_token
from .models import Nomination
from .services.mail import queue_participant_links


def _nomination(token: str) -> Nomination:
    pk = read_participant_token(token)
    nomination = (
        Nomination.objects.select_related("invitation__event", "person", "enrolment")
        .filter(pk=pk, status=Nomination.Status.ACCEPTED, person__erased_at__isnull=True)
        .exclude(invitation__event__status=TrainingEvent.Status.DRAFT)
        .first()
        if pk is not None
        else None
    )
    if nomination is None or nomination.enrolment is None:
        raise Http404
    return nomination


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def participant_page(request, token: str):
    nomination = _nomination(token)
    event = nomination.invitation.event
    days = EventDay.objects.filter(event=event).prefetch_related(
        Prefetch(
            "items", AgendaItem.objects.select_related("module").prefetch_related("module__translations")
        )
    )
    attendance = (
        Attendance.objects.filter(enrolment=nomination.enrolment).select_related("day").order_by("day__date")
    )
    certificates = Certificate.objects.filter(holder=nomination.person, event=event).order_by("-pk")
    return _private(
        render(
            request,
            "nominations/participant.html",
            {
                "nomination": nomination,
                "event": event,
                "days": days,
                "attendance": attendance,
                "certificates": [c for c in certificates if c.is_valid],
                "token": token,
                "calendar_token": personal_token(event, nomination.person),
            },
        )
    )


def participant_certificate(request, token: str, certificate_pk: int):
    nomination = _nomination(token)
    certificate = get_object_or_404(
        Certificate, pk=certificate_pk, holder=nomination.person, event=nomination.invitation.event
    )
    if not certificate.is_valid:
        raise Http404
    pdf = certificate_pdf(certificate)
    return _private(file_download(pdf, filename=f"{certificate.serial}.pdf", content_type=PDF))


class NewLinkForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)


def request_link(request):
    form = NewLinkForm(request.POST or None)
    done = False
    if request.method == "POST":
        if over_rate_limit(request):
            response = render(request, "certificates/verify_rate_limited.html", status=429)
            response["Retry-After"] = "60"
            return response
        if form.is_valid():
            queue_participant_links(email=form.cleaned_data["email"])
            done = True
    return render(request, "nominations/request_link.html", {"form": form, "done": done})

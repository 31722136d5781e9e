"""Certificates for coordinators: issue, list, revoke, reissue, send, download, preview."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from certificates.batch import plan_for_event, start_batch_issue, start_rendering
from certificates.delivery import preview as email_preview
from certificates.delivery import send_certificate, send_unsent_for_event
from certificates.files import certificate_pdf, certificates_zip, merged_pdf, needs_rendering, sample_pdf
from certificates.forms.registry import CertificateFilter, IssueOneForm, PreviewForm, RevokeForm
from certificates.issuing import (
    batch_summary,
    eligibility_for_event,
    event_enrolments,
    event_issue_summary,
    issue_certificate,
    issue_for_event,
    reissue_certificate,
    revoke_certificate,
)
from certificates.models import Certificate, CertificateDelivery
from courses.models import TrainingEvent
from documents.downloads import PDF, file_download
from documents.pdftext import unprintable_characters
from documents.spreadsheets import COUNT, DATETIME, Column
from evaluation import passing
from people.errors import DomainError
from people.lists import Header, ListPage
from people.models import Person
from people.roles import ADMINISTRATOR, COORDINATOR, role_required

CERTIFICATES = ListPage(
    name="certificates",
    title=gettext_lazy("Issued certificates"),
    filterset=CertificateFilter,
    sorts={
        "issued": ("issued_at", "pk"),
        "-issued": ("-issued_at", "-pk"),
        "serial": ("serial",),
        "-serial": ("-serial",),
        "holder": ("holder_name", "pk"),
        "-holder": ("-holder_name", "-pk"),
    },
    default_sort="-issued",
    page_size=50,
    headers=[
        Header(gettext_lazy("Serial number"), sort="serial"),
        Header(gettext_lazy("Holder"), sort="holder"),
        Header(gettext_lazy("Kind")),
        Header(gettext_lazy("Training")),
        Header(gettext_lazy("Issued"), sort="issued"),
        Header(gettext_lazy("Status")),
        Header(gettext_lazy("E-mailed")),
    ],
    columns=[
        Column(gettext_lazy("Serial number"), lambda c: c.serial),
        Column(gettext_lazy("Holder"), lambda c: c.holder_name),
        Column(gettext_lazy("Kind"), lambda c: c.get_kind_display()),
        Column(gettext_lazy("Training"), lambda c: c.event.title if c.event else ""),
        Column(gettext_lazy("Language"), lambda c: c.language.upper()),
        Column(gettext_lazy("Issued"), lambda c: c.issued_at, DATETIME),
        Column(gettext_lazy("Status"), lambda c: c.get_status_display()),
        Column(gettext_lazy("Revoked at"), lambda c: c.revoked_at, DATETIME),
        Column(gettext_lazy("Superseded at"), lambda c: c.superseded_at, DATETIME),
        Column(gettext_lazy("Times e-mailed"), lambda c: c.sent_count, COUNT),
    ],
)


def _event_for(request, pk: int) -> TrainingEvent:
    return get_object_or_404(TrainingEvent.objects.visible_to(request.user), pk=pk)


def _certificate_for(request, pk: int) -> Certificate:
    return get_object_or_404(Certificate.objects.for_listing(), pk=pk)


def _pdf_response(data: bytes, filename: str, *, inline: bool = False):
    return file_download(data, filename=filename, content_type=PDF, inline=inline)


@role_required(COORDINATOR, ADMINISTRATOR)
def certificate_list(request):
    certificates = Certificate.objects.for_listing().annotate(
        sent_count=Count(
            "deliveries",
            filter=Q(deliveries__outcome=CertificateDelivery.Outcome.SENT)
            | Q(deliveries__message__status="sent"),
        )
    )
    listing = CERTIFICATES.apply(request, certificates)
    return listing.response(
        "certificates/list.html",
        {
            "event": listing.cleaned("event"),
            "preview_form": PreviewForm(auto_id="preview_%s"),  # the filter has its own id_language
        },
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def certificate_detail(request, pk: int):
    certificate = _certificate_for(request, pk)
    deliveries = certificate.deliveries.select_related("sent_by", "message")
    return render(
        request,
        "certificates/detail.html",
        {
            "certificate": certificate,
            "deliveries": deliveries,
            "replacement": certificate.replacement if certificate.superseded_at else None,
            "name_changed": certificate.holder.full_name != certificate.holder_name,
            "was_sent": any(d.state != CertificateDelivery.Outcome.FAILED for d in deliveries),
            "email_preview": email_preview(certificate) if certificate.is_valid else None,
        },
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def certificate_pdf_download(request, pk: int):
    certificate = _certificate_for(request, pk)
    return _pdf_response(certificate_pdf(certificate), f"{certificate.serial}.pdf", inline=True)


@role_required(COORDINATOR, ADMINISTRATOR)
def certificate_revoke(request, pk: int):
    certificate = _certificate_for(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_certificate(certificate=certificate, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request, _("Certificate %(serial)s was revoked.") % {"serial": certificate.serial}
            )
            return redirect(certificate)
    return render(request, "certificates/revoke.html", {"certificate": certificate, "form": form})


@role_required(COORDINATOR, ADMINISTRATOR)
def certificate_reissue(request, pk: int):
    certificate = _certificate_for(request, pk)
    error = ""
    if request.method == "POST":
        try:
            new = reissue_certificate(certificate=certificate, by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("Certificate %(new)s replaces %(old)s.") % {"new": new.serial, "old": certificate.serial},
            )
            return redirect(new)
    return render(
        request,
        "certificates/reissue.html",
        {
            "certificate": certificate,
            "error": error,
            "current_name": certificate.holder.full_name,
        },
    )


@require_POST
@role_required(COORDINATOR, ADMINISTRATOR)
def certificate_send(request, pk: int):
    certificate = _certificate_for(request, pk)
    try:
        delivery = send_certificate(
            certificate=certificate, by=request.user, resend=request.POST.get("resend") == "1"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The certificate is queued for %(email)s; its log below says when it is sent.")
            % {"email": delivery.sent_to},
        )
    return redirect(certificate)


EVENT_CERTIFICATES_PER_PAGE = 100


@role_required(COORDINATOR, ADMINISTRATOR)
def event_certificates(request, event_pk: int):
    """Preview of a batch: who qualifies, who does not and why; POST issues it."""
    event = _event_for(request, event_pk)
    if request.method == "POST":
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        chosen = [int(v) for v in request.POST.getlist("participation") if v.isdecimal()]
        if len(plan_for_event(event, chosen)) > settings.STCE_BACKGROUND_CERTIFICATES:
            # Too many to issue and render while the browser waits: a worker does it.
            return redirect(start_batch_issue(event=event, by=request.user, participation_for=chosen))
        result = issue_for_event(event=event, by=request.user, participation_for=chosen)
        summary = batch_summary(
            issued=len(result.issued),
            already_held=result.already_held,
            not_eligible=result.not_eligible,
            skipped=len(result.skipped),
        )
        (messages.success if result.issued else messages.info)(request, summary)
        for person, reason in result.skipped:
            messages.warning(request, f"{person.full_name}: {reason}")
        return redirect("certificates:certificate-event", event_pk=event.pk)
    # The whole event is counted and issued at once; the table shows a page of it.
    page_obj = Paginator(event_enrolments(event), EVENT_CERTIFICATES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    summary = event_issue_summary(event)
    return render(
        request,
        "certificates/event.html",
        {
            "event": event,
            "rows": eligibility_for_event(event, page_obj.object_list),
            "page_obj": page_obj,
            "summary": summary,
            "pass_mark": passing.pass_mark(event),
            "to_issue": summary.to_issue,
            "issued_count": summary.held,
        },
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def issue_one(request, event_pk: int, person_pk: int):
    event = _event_for(request, event_pk)
    person = get_object_or_404(Person, pk=person_pk, enrolments__event=event)
    form = IssueOneForm(request.POST or None, initial={"kind": Certificate.Kind.COMPLETION})
    if request.method == "POST" and form.is_valid():
        try:
            certificate = issue_certificate(
                kind=form.cleaned_data["kind"], holder=person, event=event, by=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Certificate %(serial)s was issued.") % {"serial": certificate.serial}
            )
            return redirect(certificate)
    return render(
        request,
        "certificates/issue_one.html",
        {
            "event": event,
            "person": person,
            "form": form,
            "unprintable": "".join(unprintable_characters(f"{person.full_name} {person.latin_name}")),
        },
    )


def _batch_filename(event) -> str:
    # slugify drops non-Latin titles entirely; the event number keeps the name useful.
    return f"certificates-{event.pk}-{slugify(event.title)[:60]}".rstrip("-")


def _event_batch(event):
    return list(Certificate.objects.valid().filter(event=event).order_by("holder_name", "pk"))


@role_required(COORDINATOR, ADMINISTRATOR)
def event_certificates_zip(request, event_pk: int):
    event = _event_for(request, event_pk)
    certificates = _event_batch(event)
    if len(certificates) > settings.STCE_BACKGROUND_CERTIFICATES and needs_rendering(certificates):
        return redirect(start_rendering(event=event, by=request.user, merged=False))
    return file_download(
        certificates_zip(certificates),
        filename=f"{_batch_filename(event)}.zip",
        content_type="application/zip",
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def event_certificates_pdf(request, event_pk: int):
    event = _event_for(request, event_pk)
    certificates = _event_batch(event)
    if not certificates:
        messages.info(request, _("This event has no valid certificate to print yet."))
        return redirect("certificates:certificate-event", event_pk=event.pk)
    large = len(certificates) > settings.STCE_BACKGROUND_CERTIFICATES
    if large and needs_rendering(certificates, merged=True):
        return redirect(start_rendering(event=event, by=request.user, merged=True))
    data = merged_pdf(certificates, title=event.title)
    return _pdf_response(data, f"{_batch_filename(event)}.pdf")


@require_POST
@role_required(COORDINATOR, ADMINISTRATOR)
def event_certificates_send(request, event_pk: int):
    event = _event_for(request, event_pk)
    job, queued, without_email = send_unsent_for_event(event=event, by=request.user)
    if without_email:
        messages.warning(
            request, _("No e-mail address for: %(names)s.") % {"names": ", ".join(without_email)}
        )
    if job is None:
        messages.info(request, _("Every certificate of this event was already e-mailed."))
        return redirect("certificates:certificate-event", event_pk=event.pk)
    messages.success(
        request,
        ngettext(
            "%(sent)d certificate is queued to be e-mailed.",
            "%(sent)d certificates are queued to be e-mailed.",
            queued,
        )
        % {"sent": queued},
    )
    return redirect(job)


@role_required(COORDINATOR, ADMINISTRATOR)
def certificate_preview(request):
    form = PreviewForm(request.GET or None)
    if not form.is_valid():
        form = PreviewForm({"name": PreviewForm.base_fields["name"].initial, "language": "en"})
        form.is_valid()
    name = form.cleaned_data["name"]
    missing = unprintable_characters(name)
    if missing:
        messages.error(
            request,
            _("No certificate font can print these characters: %(chars)s") % {"chars": " ".join(missing)},
        )
        return redirect("certificates:certificate-list")
    return _pdf_response(
        sample_pdf(name=name, language=form.cleaned_data["language"]), "certificate-preview.pdf", inline=True
    )

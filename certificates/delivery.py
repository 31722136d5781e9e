"""E-mailing certificates to their holders through the outbox, once unless sent again on purpose.

Each request to send is kept as a CertificateDelivery (who asked, to which address, whether on
purpose again) pointing at its queued message, whose log says how the sending went.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from background.models import Job
from background.services.jobs import start_job
from certificates.messages import CERTIFICATE, PDF
from certificates.models import Certificate, CertificateDelivery
from mailing.attachments import provided
from mailing.kinds import kind_for
from mailing.models import Message
from mailing.rendering import render, wording
from mailing.services.outbox import Draft, queue_messages
from people.errors import DomainError

# A delivery counts as done or under way unless its message failed.
ON_ITS_WAY = Q(outcome=CertificateDelivery.Outcome.SENT) | Q(
    message__status__in=(Message.Status.QUEUED, Message.Status.SENDING, Message.Status.SENT)
)


def _draft(certificate: Certificate, *, number: int) -> Draft:
    return Draft(
        kind=CERTIFICATE,
        to=certificate.holder.email,
        language=certificate.language,
        values={
            "name": certificate.holder_name,
            "title": certificate.title,
            "certificate": certificate.title.lower(),
            "serial": certificate.serial,
            "verify_url": certificate.verify_url,
        },
        dedupe_key=f"certificate:{certificate.pk}:{number}",
        person_id=certificate.holder_id,
        gender=certificate.holder.gender,
        topic=("certificate", certificate.pk),
        attachments=[provided(PDF, certificate.pk, f"{certificate.serial}.pdf")],
    )


def preview(certificate: Certificate):
    """Exactly what the holder would get: subject and text in their language."""
    draft = _draft(certificate, number=0)
    return render(
        wording(kind_for(CERTIFICATE), draft.language),
        draft.values,
        language=draft.language,
        gender=draft.gender,
    )


def _record(certificate, message, *, by, resend: bool) -> CertificateDelivery:
    return CertificateDelivery.objects.create(
        certificate=certificate,
        sent_to=certificate.holder.email,
        sent_by=by,
        resend=resend,
        outcome=CertificateDelivery.Outcome.QUEUED,
        message=message,
    )


@transaction.atomic
def send_certificate(*, certificate: Certificate, by, resend: bool = False) -> CertificateDelivery:
    """Queue a valid certificate's e-mail to its holder, in their language, with the PDF.

    A certificate already sent (or on its way) is not sent again unless `resend` says so on
    purpose. A worker sends it; the delivery's message tells how that went.
    """
    # The lock makes a double click queue one e-mail, not two.
    locked = Certificate.objects.select_for_update().select_related("holder").get(pk=certificate.pk)
    if not locked.is_valid:
        raise DomainError(_("Only valid certificates are sent."))
    if not locked.holder.email:
        raise DomainError(_("%(name)s has no e-mail address.") % {"name": locked.holder.full_name})
    already = locked.deliveries.filter(ON_ITS_WAY).order_by("-sent_at").first()
    if already and not resend:
        raise DomainError(
            _("This certificate was already sent to %(email)s. Choose “send again” to resend it.")
            % {"email": already.sent_to},
            code="already_sent",
        )
    [message] = queue_messages(drafts=[_draft(locked, number=locked.deliveries.count() + 1)], by=by)
    return _record(locked, message, by=by, resend=resend)


def unsent_for_event(event):
    """Valid certificates of the event with no delivery sent or on its way."""
    return (
        Certificate.objects.valid()
        .filter(event=event)
        .exclude(pk__in=CertificateDelivery.objects.filter(ON_ITS_WAY).values("certificate_id"))
        .select_related("holder")
        .order_by("holder_name", "pk")
    )


@transaction.atomic
def send_unsent_for_event(*, event, by) -> tuple[Job | None, int, list[str]]:
    """Queue every valid certificate of the event not yet sent, as one job with progress.

    Returns the job (None when there was nothing to send), the number queued and the names of
    holders without an address.
    """
    pending = list(unsent_for_event(event))
    with_email = [c for c in pending if c.holder.email]
    without = [c.holder_name for c in pending if not c.holder.email]
    if not with_email:
        return None, 0, without
    job = start_job(
        kind="mail",
        title=_("Certificates by e-mail: %(title)s") % {"title": event.title},
        by=by,
        finishes_when_counted=True,
        result_url=reverse("certificates:certificate-event", args=[event.pk]),
    )
    counts = dict(
        CertificateDelivery.objects.filter(certificate__in=with_email)
        .values_list("certificate_id")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("certificate_id", "n")
    )
    messages = queue_messages(
        drafts=[_draft(c, number=counts.get(c.pk, 0) + 1) for c in with_email], by=by, job=job
    )
    by_certificate = {m.topic_id: m for m in messages}
    CertificateDelivery.objects.bulk_create(
        [
            CertificateDelivery(
                certificate=c,
                sent_to=c.holder.email,
                sent_by=by,
                outcome=CertificateDelivery.Outcome.QUEUED,
                message=by_certificate[c.pk],
            )
            for c in with_email
            if c.pk in by_certificate
        ]
    )
    return job, len(messages), without

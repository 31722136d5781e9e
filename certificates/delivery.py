"""E-mailing certificates to their holders, once, with a log coordinators can read."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateDelivery
from people.errors import DomainError

from .files import certificate_pdf

logger = logging.getLogger(__name__)


def _message(certificate: Certificate) -> EmailMessage:
    with translation.override(certificate.language):
        subject = _("Your certificate: %(title)s") % {"title": certificate.title}
        body = _(
            "Dear %(name)s,\n\n"
            "Please find attached your %(title)s (serial number %(serial)s).\n\n"
            "Anyone can check that it is genuine at:\n%(url)s\n\n"
            "WCO Strategic Trade Control Enforcement Programme"
        ) % {
            "name": certificate.holder_name,
            "title": certificate.title.lower(),
            "serial": certificate.serial,
            "url": certificate.verify_url,
        }
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [certificate.holder.email])
    message.attach(f"{certificate.serial}.pdf", certificate_pdf(certificate), "application/pdf")
    return message


@transaction.atomic
def send_certificate(*, certificate: Certificate, by, resend: bool = False) -> CertificateDelivery:
    """E-mail a valid certificate to its holder, in their language, with the PDF attached.

    A certificate already sent is not sent again unless `resend` says so on purpose. Every
    attempt, failed or not, is logged as a CertificateDelivery.
    """
    # The lock makes a double click send one e-mail, not two.
    locked = Certificate.objects.select_for_update().select_related("holder").get(pk=certificate.pk)
    if not locked.is_valid:
        raise DomainError(_("Only valid certificates are sent."))
    if not locked.holder.email:
        raise DomainError(_("%(name)s has no e-mail address.") % {"name": locked.holder.full_name})
    already = locked.deliveries.filter(outcome=CertificateDelivery.Outcome.SENT).order_by("-sent_at").first()
    if already and not resend:
        raise DomainError(
            _("This certificate was already sent to %(email)s. Choose “send again” to resend it.")
            % {"email": already.sent_to},
            code="already_sent",
        )
    delivery = CertificateDelivery(certificate=locked, sent_to=locked.holder.email, sent_by=by, resend=resend)
    try:
        _message(locked).send()
        delivery.outcome = CertificateDelivery.Outcome.SENT
    except Exception as exc:  # noqa: BLE001 - any mail failure is logged and shown, not raised
        logger.warning("certificate %s: e-mail failed: %s", locked.pk, type(exc).__name__)
        delivery.outcome = CertificateDelivery.Outcome.FAILED
        delivery.error = type(exc).__name__
    delivery.save()
    return delivery


def send_unsent_for_event(*, event, by) -> tuple[int, int]:
    """Send every valid certificate of the event not yet sent; returns (sent, not sent)."""
    pending = (
        Certificate.objects.valid()
        .filter(event=event)
        .exclude(deliveries__outcome="sent")
        .select_related("holder")
    )
    sent = failed = 0
    for certificate in pending:
        try:
            delivery = send_certificate(certificate=certificate, by=by)
        except DomainError:
            failed += 1
            continue
        sent += delivery.outcome == CertificateDelivery.Outcome.SENT
        failed += delivery.outcome != CertificateDelivery.Outcome.SENT
    return sent, failed

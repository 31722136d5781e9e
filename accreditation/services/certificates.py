"""Accreditation certificates, issued through the one certificate registry (certificates)."""

import logging

from django.db import transaction

from certificates.issuing import CertificateAlreadyIssued, issue_certificate, renew_certificate
from certificates.models import Certificate
from people.errors import DomainError

logger = logging.getLogger(__name__)


def issue_accreditation_certificate(*, expert, decision, by) -> Certificate | None:
    """Issue the accreditation certificate for an approved accreditation decision.

    A renewal supersedes the expert's current accreditation certificate with one that
    prints the new end date (the verify page of the old one leads to it). The decision
    stands even when the certificate cannot be issued (for example a name no shipped font
    can draw): the coordinator is told on the expert's page and can issue it once the name
    is corrected. An expert who already holds a valid accreditation certificate for the same
    period keeps it.
    """
    subject = {"decision_id": decision.pk,
               "valid_until": expert.valid_until.isoformat() if expert.valid_until else None}
    current = Certificate.objects.valid().filter(
        kind=Certificate.Kind.ACCREDITATION, holder=expert.person
    ).first()
    try:
        with transaction.atomic():
            if current is not None and (current.snapshot.get("subject") or {}).get("valid_until") != subject[
                "valid_until"
            ]:
                return renew_certificate(certificate=current, subject=subject, by=by, expert=expert)
            return issue_certificate(
                kind=Certificate.Kind.ACCREDITATION, holder=expert.person, expert=expert, by=by,
                subject=subject,
            )
    except CertificateAlreadyIssued as exc:
        return exc.certificate
    except DomainError:
        logger.warning("accreditation certificate not issued for expert %s", expert.pk, exc_info=True)
        return None

"""Accreditation certificates, issued through the one certificate registry (certificates)."""

import logging

from django.db import transaction

from certificates.issuing import CertificateAlreadyIssued, issue_certificate
from certificates.models import Certificate
from people.errors import DomainError

logger = logging.getLogger(__name__)


def issue_accreditation_certificate(*, expert, decision, by) -> Certificate | None:
    """Issue the accreditation certificate for an approved accreditation decision.

    The decision stands even when the certificate cannot be issued (for example a name no
    shipped font can draw): the coordinator is told on the expert's page and can issue it
    once the name is corrected. An expert who already holds a valid accreditation
    certificate keeps it.
    """
    try:
        with transaction.atomic():
            return issue_certificate(
                kind=Certificate.Kind.ACCREDITATION, holder=expert.person, expert=expert, by=by,
                subject={"decision_id": decision.pk,
                         "valid_until": expert.valid_until.isoformat() if expert.valid_until else None},
            )
    except CertificateAlreadyIssued as exc:
        return exc.certificate
    except DomainError:
        logger.warning("accreditation certificate not issued for expert %s", expert.pk, exc_info=True)
        return None

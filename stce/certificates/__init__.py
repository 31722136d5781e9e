"""Certificates: issuing into the registry, PDFs with a QR code, e-mail, verification.

Other apps issue through `issue_certificate` (accreditation passes `subject` instead of an
event) and never write Certificate rows themselves.
"""

from .issuing import (
    CertificateAlreadyIssued,
    eligibility_for_event,
    issue_certificate,
    issue_for_event,
    reissue_certificate,
    revoke_certificate,
)

__all__ = [
    "CertificateAlreadyIssued",
    "eligibility_for_event",
    "issue_certificate",
    "issue_for_event",
    "reissue_certificate",
    "revoke_certificate",
]

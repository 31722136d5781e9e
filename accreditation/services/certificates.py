"""HOOK for the certificate registry (built by the certificates issue).

When `stce.services.certificates.issue_certificate` exists, an approved accreditation (or
renewal) issues the accreditation certificate through it; until then this does nothing.
The integrator should check the keyword arguments below against the real signature.
"""

import importlib
import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _registry_issue_function():
    try:
        module = importlib.import_module("stce.services.certificates")
    except ModuleNotFoundError:
        return None
    return getattr(module, "issue_certificate", None)


@transaction.atomic
def issue_accreditation_certificate(*, expert, decision, by):
    """Issue the accreditation certificate for an approved decision, if the registry exists."""
    issue = _registry_issue_function()
    if issue is None:
        return None
    # HOOK: adjust to the registry's signature on merge.
    return issue(holder=expert.person, kind="accreditation", source=decision, by=by)

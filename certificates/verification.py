"""Finding a certificate from what is printed on it, and saying what it is worth today.

The QR code carries an unguessable code. Someone holding only the paper can type the serial
number and the holder's family name instead: the serial alone is sequential and guessable,
so it is only accepted together with a name printed on that certificate, and the answer
never says which of the two did not match.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from certificates.models import Certificate
from certificates.standing import Standing, standing_of
from people.models.people import fold_for_search

SERIAL_SEPARATORS = re.compile(r"[\s_‐-―−]+")


def normalise_serial(text: str) -> str:
    """'stce 2021 cn 000123' or 'STCE–2021–CN–000123' → 'STCE-2021-CN-000123'."""
    return SERIAL_SEPARATORS.sub("-", (text or "").strip()).strip("-").upper()


def _name_key(text: str) -> str:
    """Case, accents, spaces, hyphens and apostrophes ignored; any script."""
    return "".join(c for c in fold_for_search(text) if c.isalnum())


def names_printed_on(certificate: Certificate) -> set[str]:
    """What a reader of the certificate may type as the family name."""
    if certificate.holder.is_erased:
        return set()
    printed = [certificate.snapshot.get("holder_name") or certificate.holder_name,
               certificate.snapshot.get("holder_latin_name") or ""]
    keys = {_name_key(certificate.holder.family_name)}
    for name in printed:
        keys.add(_name_key(name))
        keys.update(_name_key(word) for word in name.split())
    return {key for key in keys if key}


def find_by_serial_and_name(serial: str, family_name: str) -> Certificate | None:
    """The certificate with this serial if `family_name` is a name printed on it, else None."""
    key = _name_key(family_name)
    if not key:
        return None
    certificate = (
        Certificate.objects.select_related("holder").filter(serial=normalise_serial(serial)).first()
    )
    if certificate is None or key not in names_printed_on(certificate):
        return None
    return certificate


@dataclass(frozen=True)
class Verdict:
    """What the verify page says first: one word for machines, a sentence for people."""

    status: str  # valid | not_current | revoked | superseded
    headline: str
    sentence: str


def verdict(certificate: Certificate, standing: Standing | None) -> Verdict:
    if certificate.status == Certificate.Status.REVOKED:
        return Verdict("revoked", _("Revoked"), _("This certificate was revoked and is no longer valid."))
    if certificate.status == Certificate.Status.SUPERSEDED:
        return Verdict("superseded", _("Superseded"), _("This certificate was replaced by a newer one."))
    if standing is not None and not standing.is_current:
        return Verdict(
            "not_current", _("Genuine, no longer current"),
            _("This certificate is genuine, but what it certifies no longer holds: %(standing)s")
            % {"standing": standing.summary},
        )
    return Verdict("valid", _("Valid"), _("This certificate is genuine and has not been revoked."))


def verification_of(certificate: Certificate) -> dict:
    """Everything the verify page shows, as plain data (also the JSON answer)."""
    standing = standing_of(certificate)
    replacement = certificate.replacement if certificate.superseded_at else None
    return {
        "certificate": certificate,
        "standing": standing,
        "verdict": verdict(certificate, standing),
        "replacement": replacement,
        "replacement_reason": (replacement.snapshot.get("reason") if replacement else None),
    }

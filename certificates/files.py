"""Certificate PDFs as files: rendered once, kept in the default storage, bundled for events.

A certificate never changes after issue (a correction is a new certificate), so its PDF
is rendered the first time someone asks for it and read from storage every time after.
"""

import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import replace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.models import Certificate
from people.links import absolute_url

from .pdf import CertificateSheet, Signatory, render_certificate, render_merged

# Stored images copied out of a remote storage, once per process (uploads get new names).
_remote_copies: dict[str, str] = {}


def _local_path(name: str) -> str:
    """A path ReportLab can read for a stored image, or "" when it is missing."""
    if not name:
        return ""
    if name in _remote_copies:
        return _remote_copies[name]
    if not default_storage.exists(name):
        return ""
    try:
        return default_storage.path(name)
    except NotImplementedError:
        import tempfile

        suffix = "." + name.rsplit(".", 1)[-1]
        with (
            default_storage.open(name) as src,
            tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as dst,
        ):
            dst.write(src.read())
        _remote_copies[name] = dst.name
        return dst.name


def sheet_from_snapshot(snap: dict, *, serial: str, verify_url: str) -> CertificateSheet:
    return CertificateSheet(
        title=snap.get("title", ""),
        intro=snap.get("intro", ""),
        holder_name=snap.get("holder_name", ""),
        holder_latin_name=snap.get("holder_latin_name", ""),
        lines=tuple(snap.get("lines", [])),
        details=tuple(snap.get("details", [])),
        modules_heading=snap.get("modules_heading", ""),
        modules=tuple(snap.get("modules", [])),
        serial_label=snap.get("serial_label", ""),
        serial=serial,
        verify_url=verify_url,
        verify_hint=snap.get("verify_hint", ""),
        issued_line=snap.get("issued_line", ""),
        programme_line=snap.get("programme_line", ""),
        signatories=tuple(
            Signatory(s["name"], s["title"], _local_path(s.get("signature", "")))
            for s in snap.get("signatories", [])
        ),
        logo_paths=tuple(p for p in (_local_path(name) for name in snap.get("logos", [])) if p),
        language=snap.get("language", "en"),
    )


def sheet_for(certificate: Certificate) -> CertificateSheet:
    """What to print, from the snapshot taken at issue time."""
    return sheet_from_snapshot(
        certificate.snapshot, serial=certificate.serial, verify_url=certificate.verify_url
    )


def sample_pdf(*, name: str, language: str) -> bytes:
    """The layout with made-up data (nothing is issued or stored)."""

    from .snapshot import sample_snapshot

    snap = sample_snapshot(name=name, language=language)
    return render_certificate(
        sheet_from_snapshot(
            snap,
            serial="STCE-2021-CN-000000",
            verify_url=absolute_url("/verify/SAMPLE-NOT-A-REAL-CODE/"),
        )
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, rendered on first use and read from storage after that.

    A revoked or superseded certificate is printed stamped as no longer valid (and not
    cached: its stored copy, if any, shows it as it was while valid).
    """
    if not certificate.is_valid:
        return render_certificate(replace(sheet_for(certificate), stamp=invalid_stamp(certificate)))
    name = certificate.storage_name
    if default_storage.exists(name):
        with default_storage.open(name) as stored:
            return stored.read()
    data = render_certificate(sheet_for(certificate))
    _store(name, data)
    return data


def invalid_stamp(certificate: Certificate) -> str:
    """What is printed across a certificate that is no longer valid, in its language."""
    with translation.override(certificate.language):
        if certificate.status == Certificate.Status.REVOKED:
            return _("REVOKED – NOT VALID")
        return _("SUPERSEDED – NOT VALID")


def _store(name: str, data: bytes) -> None:
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))


def certificates_zip(certificates: Sequence[Certificate]) -> bytes:
    """One PDF per certificate in a ZIP; PDFs are already compressed, so stored as they are."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            archive.writestr(f"{certificate.serial}.pdf", certificate_pdf(certificate))
    return buffer.getvalue()


def _merged_name(certificates: Sequence[Certificate]) -> str:
    key = hashlib.sha256("|".join(c.code for c in certificates).encode()).hexdigest()[:24]
    return f"certificates/batches/{key}.pdf"


def merged_pdf(certificates: Sequence[Certificate], *, title: str) -> bytes:
    """Every certificate as a page of one PDF for printing, cached for this exact set."""
    name = _merged_name(certificates)
    if default_storage.exists(name):
        with default_storage.open(name) as stored:
            return stored.read()
    data = render_merged([sheet_for(c) for c in certificates], title=title)
    _store(name, data)
    return data


def needs_rendering(certificates: Sequence[Certificate], *, merged: bool = False) -> bool:
    """Whether some PDF of this set (or the merged one) is still to be rendered."""
    if merged:
        return not default_storage.exists(_merged_name(certificates))
    return any(not default_storage.exists(c.storage_name) for c in certificates if c.is_valid)

"""Checks for every uploaded file: its size, and its real type read from its bytes.

A file's name and the browser's Content-Type are chosen by the sender, so the type is sniffed
from the content (magic bytes, the parts inside an .xlsx archive, or clean UTF-8 text) and
must also match the name's extension. Use it in a form field:

    file = forms.FileField(validators=[UploadValidator(kinds={"csv", "xlsx"})])

or call `sniff_upload(file, kinds=...)` in a form's clean method to learn which kind it is.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Which extensions each kind may carry.
EXTENSIONS = {
    "csv": {".csv", ".txt"},
    "xlsx": {".xlsx"},
    "pdf": {".pdf"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
}
MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
XLSX_REQUIRED_PARTS = {"[Content_Types].xml", "xl/workbook.xml"}
# An .xlsx is a zip archive; one that unpacks to far more than it weighs is a zip bomb. Real
# workbooks unpack to 5–20 times their size. The sizes are read from the archive's directory,
# without unpacking anything; zipfile never unpacks a member beyond the size the directory
# declares (it fails the member's checksum instead), so a lying directory cannot get past.
XLSX_MAX_EXPANSION = 100
XLSX_MAX_MEMBERS = 2000


def max_unpacked_bytes() -> int:
    return getattr(settings, "STCE_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)


def default_max_bytes() -> int:
    return getattr(settings, "STCE_MAX_IMPORT_BYTES", 10 * 1024 * 1024)


def _read_head(upload, n: int = 4096) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _is_xlsx(upload, size: int) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    unpacked = sum(info.file_size for info in members)
    if (
        len(members) > XLSX_MAX_MEMBERS
        or unpacked > max(size, 1) * XLSX_MAX_EXPANSION
        or unpacked > max_unpacked_bytes()
    ):
        raise ValidationError(
            _(
                "This spreadsheet unpacks to %(unpacked)s from %(size)s, far more than a participant "
                "list does; it was refused. Save the list again from Excel, or as CSV."
            ),
            code="zip_bomb",
            params={"unpacked": filesizeformat(unpacked), "size": filesizeformat(size)},
        )
    return {info.filename for info in members} >= XLSX_REQUIRED_PARTS


def _is_text(upload) -> bool:
    """Text as people save lists: UTF-16 with its byte-order mark, or bytes without NUL (UTF-8
    or not: a list saved in a legacy encoding is text, and the importer says how to re-save
    it, naming the line, better than "wrong type" would)."""
    head = _read_head(upload, 64 * 1024)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head


def sniff_kind(upload, size: int) -> str | None:
    """The kind the file's bytes say it is (one of EXTENSIONS), or None."""
    head = _read_head(upload)
    for kind, signatures in MAGIC.items():
        if head.startswith(signatures):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if _is_xlsx(upload, size) else None
    if _is_text(upload):
        return "csv"
    return None


def sniff_upload(upload, *, kinds: set[str], max_bytes: int | None = None) -> str:
    """Check an uploaded file's size and type; return its kind or raise ValidationError."""
    limit = max_bytes if max_bytes is not None else default_max_bytes()
    size = upload.size if getattr(upload, "size", None) is not None else len(_read_head(upload, limit + 1))
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; files of at most %(limit)s are accepted."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    allowed = ", ".join(sorted(ext for kind in kinds for ext in EXTENSIONS[kind]))
    extension = PurePath(getattr(upload, "name", "") or "").suffix.lower()
    kind = sniff_kind(upload, size)
    if kind not in kinds or extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("This file is not of an accepted type (%(allowed)s), or its content does not match its name."),
            code="wrong_type",
            params={"allowed": allowed},
        )
    return kind


@deconstructible
class UploadValidator:
    """A field validator: `FileField(validators=[UploadValidator(kinds={"csv"})])`."""

    def __init__(self, *, kinds: set[str] | frozenset[str], max_bytes: int | None = None):
        unknown = set(kinds) - set(EXTENSIONS)
        if unknown:
            raise ValueError(f"Unknown upload kinds: {sorted(unknown)}")
        self.kinds = frozenset(kinds)
        self.max_bytes = max_bytes

    def __call__(self, upload) -> None:
        sniff_upload(upload, kinds=set(self.kinds), max_bytes=self.max_bytes)

    def __eq__(self, other):
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )

    def __hash__(self):
        return hash((self.kinds, self.max_bytes))

"""Checks for every uploaded file: its size, and its real type read from its bytes.

A file's name and the browser's Content-Type are chosen by the sender, so the type is sniffed
from the content (magic bytes, the parts inside an .xlsx archive, or clean UTF-8 text) and
must also match the name's extension. Use it in a form field:

    file = forms.FileField(validators=[UploadValidator(kinds={"csv", "xlsx"})])

or call `sniff_upload(file, kinds=...)` in a form's clean method to learn which kind it is.
"""

import re
import zipfile
import zlib
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
# workbooks unpack to 5–20 times their size. The sizes are first read from the archive's
# directory, without unpacking anything. Then, since a directory can lie, every member is
# streamed in small chunks and counted: the stream stops at the limit, and at the size the
# directory declares (zipfile fails the member's checksum there), so memory stays flat.
XLSX_MAX_EXPANSION = 100
XLSX_MAX_MEMBERS = 2000
STREAM_CHUNK = 64 * 1024
# `<dimension ref="A1:F200"/>`, near the top of a sheet written by Excel or LibreOffice.
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]+[0-9]+:)?([A-Z]+)([0-9]+)"')


def max_unpacked_bytes() -> int:
    return getattr(settings, "STCE_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)


def default_max_bytes() -> int:
    return getattr(settings, "STCE_MAX_IMPORT_BYTES", 10 * 1024 * 1024)


def _read_head(upload, n: int = 4096) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _too_much_unpacked(unpacked: int, size: int) -> ValidationError:
    return ValidationError(
        _(
            "This spreadsheet unpacks to %(unpacked)s from %(size)s, far more than a participant "
            "list does; it was refused. Save the list again from Excel, or as CSV."
        ),
        code="zip_bomb",
        params={"unpacked": filesizeformat(unpacked), "size": filesizeformat(size)},
    )


def _unpacked_limit(size: int) -> int:
    return min(max(size, 1) * XLSX_MAX_EXPANSION, max_unpacked_bytes())


def _is_xlsx(upload, size: int, limits: dict | None = None) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            unpacked = sum(info.file_size for info in members)
            if len(members) > XLSX_MAX_MEMBERS or unpacked > _unpacked_limit(size):
                raise _too_much_unpacked(unpacked, size)
            if not {info.filename for info in members} >= XLSX_REQUIRED_PARTS:
                return False
            _stream_members(archive, size, limits or {})
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return True


def _stream_members(archive: zipfile.ZipFile, size: int, limits: dict) -> None:
    """Unpack every member chunk by chunk, counting, without keeping anything: refused at the
    limit, whatever the directory said; a member longer than declared fails its checksum."""
    budget = _unpacked_limit(size)
    counted = 0
    try:
        for info in archive.infolist():
            with archive.open(info) as member:
                head = member.read(STREAM_CHUNK)
                if info.filename.startswith("xl/worksheets/"):
                    _check_dimension(head, limits)
                chunk = head
                while chunk:
                    counted += len(chunk)
                    if counted > budget:
                        raise _too_much_unpacked(counted, size)
                    chunk = member.read(STREAM_CHUNK)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise ValidationError(
            _("The workbook could not be read; open it in Excel and save it again."), code="damaged"
        ) from exc


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _check_dimension(head: bytes, limits: dict) -> None:
    """A sheet says how big it is near its top (when its writer says it at all): refuse an
    absurd one before a row is read. The header row is not counted, as in the import."""
    found = DIMENSION.search(head)
    if not found:
        return
    max_rows, max_columns = limits.get("rows"), limits.get("columns")
    if max_rows is not None and int(found.group(2)) > max_rows + 1:
        raise ValidationError(
            _("The file has more than %(limit)s rows; split the list into several files."),
            code="too_many_rows",
            params={"limit": f"{max_rows:,}"},
        )
    if max_columns is not None and _column_number(found.group(1)) > max_columns:
        raise ValidationError(
            _("The file has more than %(limit)s columns; a participant list needs at most 9."),
            code="too_many_columns",
            params={"limit": max_columns},
        )


def _is_text(upload) -> bool:
    """Text as people save lists: UTF-16 with its byte-order mark, or bytes without NUL (UTF-8
    or not: a list saved in a legacy encoding is text, and the importer says how to re-save
    it, naming the line, better than "wrong type" would)."""
    head = _read_head(upload, 64 * 1024)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head


def sniff_kind(upload, size: int, limits: dict | None = None) -> str | None:
    """The kind the file's bytes say it is (one of EXTENSIONS), or None. `limits` may hold
    "rows" and "columns" for a workbook's declared dimension."""
    head = _read_head(upload)
    for kind, signatures in MAGIC.items():
        if head.startswith(signatures):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if _is_xlsx(upload, size, limits) else None
    if _is_text(upload):
        return "csv"
    return None


def sniff_upload(
    upload,
    *,
    kinds: set[str],
    max_bytes: int | None = None,
    max_rows: int | None = None,
    max_columns: int | None = None,
) -> str:
    """Check an uploaded file's size and type; return its kind or raise ValidationError.
    A workbook's members are also streamed and counted, and its declared dimension checked
    against max_rows (not counting the header) and max_columns."""
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
    kind = sniff_kind(upload, size, {"rows": max_rows, "columns": max_columns})
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

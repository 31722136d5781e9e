"""The acceptance of issue 14, measured for real: a workbook of about 1 MB (deflate at level 9,
as any zip tool makes it) that unpacks to over a gigabyte is refused by the upload gate within
2 s and under 100 MB more memory than at rest; and a bomb whose central directory lies about
its sizes is caught by the streaming pass, not by the directory check it fooled."""

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.uploads import sniff_upload

GIGABYTE = 1 << 30
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
SHEET_HEAD = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
)
ROOT = Path(__file__).resolve().parents[2]


def _workbook(sheet_parts, *, dimension: bytes = b"") -> bytes:
    """A minimal .xlsx whose first sheet is streamed from `sheet_parts` into the archive (the
    sheet is never whole in memory), deflated at level 9."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(SHEET_HEAD.replace(b"<sheetData>", dimension + b"<sheetData>"))
            for part in sheet_parts:
                sheet.write(part)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _gigabyte_of_spaces():
    chunk = b" " * (1 << 20)
    for _ in range(GIGABYTE // len(chunk) + 16):
        yield chunk


def _lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """Patch the member's uncompressed size in the central directory (not zip64: under 2 GB)."""
    patched = bytearray(data)
    position = patched.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack("<H", patched[position + 28 : position + 30])[0]
        if bytes(patched[position + 46 : position + 46 + name_length]) == member.encode():
            patched[position + 24 : position + 28] = struct.pack("<I", declared)
            return bytes(patched)
        position = patched.find(b"PK\x01\x02", position + 4)
    raise AssertionError(f"{member} not in the central directory")


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    honest = _workbook(_gigabyte_of_spaces())
    with zipfile.ZipFile(io.BytesIO(honest)) as archive:
        assert sum(info.file_size for info in archive.infolist()) > GIGABYTE
    assert 150 * 1024 < len(honest) < 1200 * 1024, len(honest)
    # Declares 50 MB in a 1 MB file: within the ratio and the limit, so the directory check
    # passes and only the stream (stopping at the declared size, failing the checksum) refuses.
    lying = _lie_about_size(honest, "xl/worksheets/sheet1.xml", 50 * 1024 * 1024)
    paths = {}
    for name, data in {"honest": honest, "lying": lying}.items():
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(data)
    return paths


MEASURE = """
import io, json, os, resource, sys, time
import django
django.setup()
from django.core.files.uploadedfile import UploadedFile
from courses.forms.participants import ImportUploadForm

path = sys.argv[1]
def form_for(handle, size):
    upload = UploadedFile(handle, name="participants.xlsx", size=size)
    return ImportUploadForm(data={}, files={"file": upload})

# Warm up (translations, the form's machinery) on a harmless file, not on the bomb.
form_for(io.BytesIO(b"not a workbook"), 14).is_valid()
at_rest = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(path, "rb") as handle:
    started = time.monotonic()
    form = form_for(handle, os.path.getsize(path))
    valid = form.is_valid()
    elapsed = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"valid": valid, "errors": form.errors.get("file", []), "seconds": elapsed,
                  "extra_kb": peak - at_rest}))
"""


def _measure(path: Path) -> dict:
    """Run the real form on the file in a fresh interpreter: ru_maxrss counts zlib's and
    openpyxl's C allocations too, which tracemalloc would miss, and nothing else in the
    test process (other fixtures, the bomb's generation) inflates the peak."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "stce.settings"}
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("variant", ["honest", "lying"])
def test_a_small_workbook_unpacking_to_a_gigabyte_is_refused_within_2_s_and_100_mb(bombs, variant):
    figures = _measure(bombs[variant])
    assert figures["valid"] is False
    # Generous bounds for a loaded machine, yet an actual parse of the bomb takes minutes and
    # gigabytes, so they fail the moment the gate stops refusing before parsing.
    assert figures["seconds"] < 2, figures
    assert figures["extra_kb"] < 100 * 1024, figures  # ru_maxrss is in KB on Linux
    [error] = figures["errors"]
    if variant == "honest":
        assert "unpacks to 1.0" in error and "refused" in error
    else:
        assert "could not be read" in error


def test_the_lying_directory_passes_the_directory_check_and_only_the_stream_refuses(bombs):
    data = bombs["lying"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = sum(info.file_size for info in archive.infolist())
    assert declared < 100 * len(data)  # within the ratio: the directory alone lets it through
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(SimpleUploadedFile("participants.xlsx", data), kinds={"xlsx"})
    assert excinfo.value.code == "damaged"


@pytest.mark.parametrize(
    ("dimension", "code", "words"),
    [
        (b'<dimension ref="A1:E1048576"/>', "too_many_rows", "more than 100 rows"),
        (b'<dimension ref="A1:XFD3"/>', "too_many_columns", "more than 9 columns"),
    ],
)
def test_a_sheet_declaring_absurd_dimensions_is_refused_naming_the_limit(dimension, code, words):
    data = _workbook([b"<row r='1'><c r='A1' t='inlineStr'><is><t>x</t></is></c></row>"], dimension=dimension)
    upload = SimpleUploadedFile("participants.xlsx", data)
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(upload, kinds={"xlsx"}, max_rows=100, max_columns=9)
    assert excinfo.value.code == code
    assert words in " ".join(excinfo.value.messages)


def test_a_sheet_within_its_declared_dimensions_passes():
    data = _workbook([b"<row r='1'/>"], dimension=b'<dimension ref="A1:I101"/>')
    upload = SimpleUploadedFile("participants.xlsx", data)
    assert sniff_upload(upload, kinds={"xlsx"}, max_rows=100, max_columns=9) == "xlsx"


def test_the_refusal_is_translated():
    from django.utils import translation

    data = _workbook([b"<row r='1'/>"], dimension=b'<dimension ref="A1:E1048576"/>')
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(SimpleUploadedFile("participants.xlsx", data), kinds={"xlsx"}, max_rows=100)
    with translation.override("fr"):  # the message is lazy: shown in the reader's language
        assert "Le fichier a plus de 100 lignes" in " ".join(excinfo.value.messages)

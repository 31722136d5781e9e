"""Hostile uploads meet the upload gate before anything parses them: a tiny workbook that
unpacks to gigabytes, a workbook whose directory lies, and lists of absurd dimensions."""

import io
import struct
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook

from courses.tests.factories import TrainingEventFactory
from courses.views.participants import SESSION_KEY
from people.models import Person

CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
GIGABYTE = 1 << 30


@pytest.fixture(scope="session")
def bomb() -> bytes:
    """An .xlsx of about 1 KB whose sheet unpacks to 1.1 GB of spaces (bzip2, which zipfile
    and so openpyxl unpack: its ratio is far beyond deflate's 1:1000)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (1 << 20)
            for _ in range(1100):
                sheet.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 200 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sum(info.file_size for info in archive.infolist()) > GIGABYTE
    return data


@pytest.fixture
def event(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return TrainingEventFactory()


def _post(client, event, name, data):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("courses:participant-import", args=[event.pk]), {"file": upload})


def test_a_tiny_workbook_that_unpacks_to_a_gigabyte_is_refused_at_once(coordinator_client, event, bomb):
    # Time and memory are measured in a process of their own (documents/tests/test_upload_bombs.py).
    people = Person.objects.count()
    response = _post(coordinator_client, event, "participants.xlsx", bomb)
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "unpacks to 1.1" in error and "refused" in error
    assert response.context["token"] is None and Person.objects.count() == people


def _workbook(rows: int = 2, columns: int = 5) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Given name", "Family name", "Gender", "Country", "E-mail"][:columns]
        + [f"x{i}" for i in range(columns - 5)]
    )
    for i in range(rows):
        sheet.append([f"G{i}", f"F{i}", "female", "CN", f"p{i}@example.cn"][:columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_workbook_whose_directory_understates_its_sheet_cannot_be_read_past_it(coordinator_client, event):
    data = bytearray(_workbook(rows=200))
    # Shrink the sheet's declared size in the central directory: zipfile then stops there and
    # fails the checksum, instead of unpacking more than the gate was told.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    position = data.find(b"PK\x01\x02")  # the first central directory record
    while position != -1:
        name_length = struct.unpack("<H", data[position + 28 : position + 30])[0]
        if bytes(data[position + 46 : position + 46 + name_length]) == b"xl/worksheets/sheet1.xml":
            data[position + 24 : position + 28] = struct.pack("<I", 100)  # its uncompressed size
            break
        position = data.find(b"PK\x01\x02", position + 4)
    assert position != -1 and sheet.file_size > 100
    response = _post(coordinator_client, event, "participants.xlsx", bytes(data))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("file", []))
    assert "could not be read" in errors
    assert not event.enrolments.exists()


def test_a_list_of_absurd_dimensions_is_refused_with_the_limit(coordinator_client, event, settings):
    settings.STCE_MAX_IMPORT_ROWS = 50
    response = _post(coordinator_client, event, "participants.xlsx", _workbook(rows=60))
    assert "more than 50 rows" in " ".join(response.context["form"].errors["file"])
    settings.STCE_MAX_IMPORT_COLUMNS = 8
    response = _post(coordinator_client, event, "participants.xlsx", _workbook(rows=3, columns=12))
    assert "more than 8 columns" in " ".join(response.context["form"].errors["file"])
    csv = ("a," * 20 + "\n").encode() * 3
    response = _post(coordinator_client, event, "participants.csv", csv)
    assert "more than 8 columns" in " ".join(response.context["form"].errors["file"])


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("participants.xlsx", b"MZ\x90\x00" + b"\x00" * 200),  # a program renamed .xlsx
        ("participants.xlsx", b"given name,family name\nA,B\n"),  # text renamed .xlsx
        ("participants.csv", b"%PDF-1.7\n" + b"\x00" * 50),  # a PDF renamed .csv
    ],
)
def test_files_whose_bytes_are_not_what_their_name_says_are_refused(coordinator_client, event, name, data):
    response = _post(coordinator_client, event, name, data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["token"] is None


def test_an_ordinary_workbook_still_passes_the_gate(coordinator_client, event, storage_folders):
    from people.tests.factories import CountryFactory, RegionFactory

    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    response = _post(coordinator_client, event, "participants.xlsx", _workbook(rows=3))
    assert response.context["can_commit"], response.context["form"].errors
    # The preview keeps the file where the refusals above are checked to leave nothing.
    assert len(_stored_files(storage_folders)) == 1
    assert coordinator_client.session.get(SESSION_KEY)


@pytest.fixture
def storage_folders(settings, tmp_path) -> list:
    """Media and pending imports in folders of this test's own, to see that nothing lands."""
    media, pending = tmp_path / "media", tmp_path / "pending"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "pending_imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": pending},
        },
    }
    return [media, pending]


def _stored_files(folders) -> list:
    return [path for folder in folders if folder.exists() for path in folder.rglob("*") if path.is_file()]


@pytest.mark.parametrize("variant", ["honest", "lying"])
def test_a_deflated_bomb_is_refused_on_the_field_and_nothing_is_stored(
    coordinator_client, event, storage_folders, variant
):
    from documents.tests.test_upload_bombs import _gigabyte_of_spaces, _lie_about_size
    from documents.tests.test_upload_bombs import _workbook as bomb_workbook

    data = bomb_workbook(_gigabyte_of_spaces())
    if variant == "lying":
        data = _lie_about_size(data, "xl/worksheets/sheet1.xml", 50 * 1024 * 1024)
    response = _post(coordinator_client, event, "participants.xlsx", data)
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert ("refused" in error) if variant == "honest" else ("could not be read" in error)
    assert response.context["token"] is None
    assert not coordinator_client.session.get(SESSION_KEY)
    assert _stored_files(storage_folders) == []
    assert not event.enrolments.exists()


def test_a_sheet_declaring_a_million_rows_is_refused_on_the_field_naming_the_limit(
    coordinator_client, event, settings
):
    from documents.tests.test_upload_bombs import _workbook as bare_workbook

    settings.STCE_MAX_IMPORT_ROWS = 500
    data = bare_workbook([b"<row r='1'/>"], dimension=b'<dimension ref="A1:E1048576"/>')
    response = _post(coordinator_client, event, "participants.xlsx", data)
    assert "more than 500 rows" in " ".join(response.context["form"].errors["file"])
    assert response.context["token"] is None

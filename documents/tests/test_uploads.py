"""Uploads are limited in size and in type, read from their bytes rather than their names."""

import io
import zipfile

import openpyxl
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.uploads import UploadValidator, sniff_upload


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["given name", "family name"])
    workbook.active.append(["Дмитрий", "Иванов"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


CSV = "given name,family name\nДмитрий,Иванов\n".encode()
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "kinds", "expected"),
    [
        ("participants.csv", CSV, {"csv", "xlsx"}, "csv"),
        ("participants.csv", b"\xef\xbb\xbf" + CSV, {"csv"}, "csv"),
        ("participants.csv", CSV.decode().encode("utf-16"), {"csv"}, "csv"),
        # Text in a legacy encoding is still text: the importer explains how to save it as UTF-8.
        ("participants.csv", "given name;family\nИванов\n".encode("cp1251"), {"csv"}, "csv"),
        ("participants.xlsx", None, {"csv", "xlsx"}, "xlsx"),
        ("evidence.pdf", PDF, {"pdf"}, "pdf"),
        ("photo.PNG", PNG, {"png", "jpeg"}, "png"),
    ],
)
def test_files_of_an_accepted_type_pass_and_say_what_they_are(name, content, kinds, expected):
    file = upload(name, content if content is not None else xlsx_bytes())
    assert sniff_upload(file, kinds=kinds) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("participants.csv", PDF),  # a PDF renamed to .csv
        ("participants.xlsx", CSV),  # text renamed to .xlsx
        ("participants.csv", b"\x00\x01binary\xff\xfe"),  # not text
        ("participants.exe", CSV),  # right bytes, wrong name
        ("participants.pdf", PDF),  # a real PDF where only spreadsheets are accepted
    ],
)
def test_files_whose_bytes_or_names_are_not_accepted_are_refused(name, content):
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(upload(name, content), kinds={"csv", "xlsx"})
    assert excinfo.value.code == "wrong_type"
    assert ".csv" in str(excinfo.value.messages)


def test_a_zip_that_is_not_a_spreadsheet_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(upload("list.xlsx", buffer.getvalue()), kinds={"xlsx"})
    assert excinfo.value.code == "wrong_type"


def test_a_zip_bomb_dressed_as_a_spreadsheet_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", b"\x00" * 5_000_000)
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(upload("list.xlsx", buffer.getvalue()), kinds={"xlsx"})
    assert excinfo.value.code == "zip_bomb"


def test_a_file_over_the_limit_is_refused_with_both_sizes_in_the_message():
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(upload("big.csv", b"a,b\n" * 1000), kinds={"csv"}, max_bytes=1024)
    assert excinfo.value.code == "too_large"
    message = " ".join(excinfo.value.messages)
    assert "3.9\xa0KB" in message and "1.0\xa0KB" in message


def test_the_default_limit_comes_from_settings(settings):
    settings.STCE_MAX_IMPORT_BYTES = 10
    with pytest.raises(ValidationError):
        sniff_upload(upload("p.csv", CSV), kinds={"csv"})


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        sniff_upload(upload("p.csv", b""), kinds={"csv"})
    assert excinfo.value.code == "empty"


class ImportForm(forms.Form):
    file = forms.FileField(validators=[UploadValidator(kinds={"csv", "xlsx"}, max_bytes=1024 * 1024)])


def test_a_form_using_the_validator_shows_a_clear_error_and_rewinds_the_file():
    bad = ImportForm(files={"file": upload("p.csv", PDF)})
    assert not bad.is_valid()
    assert "not of an accepted type" in bad.errors["file"][0]

    good_file = upload("p.csv", CSV)
    assert ImportForm(files={"file": good_file}).is_valid()
    assert good_file.read() == CSV  # the form's reader starts at the beginning


def test_the_validator_refuses_unknown_kinds_at_definition_time():
    with pytest.raises(ValueError):
        UploadValidator(kinds={"docx"})

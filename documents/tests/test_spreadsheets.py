"""The one spreadsheet writer: typed cells people can compute with, and nothing that runs."""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from documents.spreadsheets import (
    COUNT,
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    PERCENT,
    Column,
    csv_bytes,
    neutralise,
    xlsx_bytes,
)

ROW = {
    "name": "=HYPERLINK(\"http://evil.example\")",
    "start": datetime.date(2021, 10, 18),
    "sent": datetime.datetime(2021, 10, 18, 7, 30, tzinfo=datetime.UTC),
    "year": "2021",
    "hours": Decimal("2.5"),
    "share": 33.3,
    "people": 12,
}
COLUMNS = [
    Column("Name", lambda r: r["name"]),
    Column("Start", lambda r: r["start"], DATE),
    Column("Sent", lambda r: r["sent"], DATETIME),
    Column("Year", lambda r: int(r["year"]), INTEGER),
    Column("Hours", lambda r: r["hours"], DECIMAL),
    Column("Women (%)", lambda r: r["share"], PERCENT),
    Column("People", lambda r: r["people"], COUNT),
]


@pytest.fixture(autouse=True)
def _brussels_time(settings):
    settings.TIME_ZONE = "Europe/Brussels"


def read_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_cells_are_typed_as_declared():
    sheet = read_xlsx(xlsx_bytes(COLUMNS, [ROW], title="Events"))
    name, start, sent, year, hours, share, people = sheet[2]
    assert isinstance(start.value, datetime.datetime) and start.is_date
    assert start.value.date() == datetime.date(2021, 10, 18) and start.number_format == "yyyy-mm-dd"
    # Spreadsheets have no time zones: the time is written as read in the app's zone.
    assert sent.is_date and sent.value == datetime.datetime(2021, 10, 18, 9, 30)
    assert year.value == 2021 and isinstance(year.value, int) and year.data_type == "n"
    assert hours.value == 2.5 and hours.data_type == "n"
    assert share.value == pytest.approx(0.333) and share.number_format == "0.0%"
    assert people.value == 12 and isinstance(people.value, int)
    assert name.data_type == "s" and name.value.startswith("'=")


def test_xlsx_header_is_bold_frozen_and_columns_have_widths():
    sheet = read_xlsx(xlsx_bytes(COLUMNS, [ROW] * 3, title="A title longer than Excel's limit of 31"))
    assert [c.value for c in sheet[1]] == [c.label for c in COLUMNS]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.title == "A title longer than Excel's limit of 31"[:31]
    assert sheet.column_dimensions["A"].width >= len(ROW["name"]) + 1  # sized from the rows
    assert sheet.column_dimensions["B"].width >= 10


def test_a_heading_line_sits_above_the_frozen_header_and_notes_below_the_rows():
    sheet = read_xlsx(xlsx_bytes(COLUMNS, [ROW], title="t", heading="Trainees", notes=["How counted"]))
    assert sheet["A1"].value == "Trainees" and sheet["A2"].value == "Name"
    assert sheet.freeze_panes == "A3"
    assert sheet["A5"].value == "How counted"


def test_empty_values_are_empty_cells_and_a_masked_count_stays_in_its_column():
    columns = [Column("People", lambda r: r[0], COUNT), Column("Share", lambda r: r[1], PERCENT)]
    sheet = read_xlsx(xlsx_bytes(columns, [("<5", None), (7, 63.6)], title="t"))
    assert [c.value for c in sheet[2]] == ["<5", None]
    assert sheet["A3"].value == 7 and sheet["B3"].value == pytest.approx(0.636)


def test_csv_has_a_bom_iso_dates_and_plain_numbers():
    text = csv_bytes(COLUMNS, [ROW]).decode("utf-8")
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[0] == "Name"
    assert row == ["'=HYPERLINK(\"http://evil.example\")", "2021-10-18", "2021-10-18 09:30", "2021", "2.5",
                   "33.3", "12"]


def test_names_in_any_script_survive_both_formats():
    columns = [Column("Name", lambda r: r)]
    assert "Дмитрий 李" in csv_bytes(columns, ["Дмитрий 李"]).decode("utf-8-sig")
    assert read_xlsx(xlsx_bytes(columns, ["Дмитрий 李"], title="t"))["A2"].value == "Дмитрий 李"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_is_neutralised_in_headers_and_cells(value):
    columns = [Column(value, lambda r: r)]
    rows = list(csv.reader(io.StringIO(csv_bytes(columns, [value]).decode("utf-8-sig"), newline="")))
    assert rows == [["'" + value], ["'" + value]]
    sheet = read_xlsx(xlsx_bytes(columns, [value], title="t"))
    # XML turns a carriage return into a line feed; what matters is the leading apostrophe.
    assert sheet["A1"].value[0] == sheet["A2"].value[0] == "'"
    assert sheet["A2"].value[1:].replace("\n", "\r") == value


def test_rows_are_read_once_in_order_so_an_iterator_will_do():
    rows = iter([{"n": i} for i in range(250)])  # more than the rows read ahead for widths
    sheet = read_xlsx(xlsx_bytes([Column("N", lambda r: r["n"], INTEGER)], rows, title="t"))
    assert [c.value for c in sheet["A"]][1:] == list(range(250))


def test_an_unknown_kind_is_refused_when_the_column_is_declared():
    with pytest.raises(ValueError, match="Unknown column kind"):
        Column("Money", lambda r: r, "currency")


def test_neutralise_leaves_numbers_and_ordinary_text_alone():
    assert neutralise(-2) == -2 and neutralise("Núñez") == "Núñez"


def test_naive_datetimes_are_written_as_they_are():
    columns = [Column("When", lambda r: r, DATETIME)]
    naive = datetime.datetime(2021, 1, 2, 3, 4, 5, 678)
    written = read_xlsx(xlsx_bytes(columns, [naive], title="t"))["A2"].value
    assert written == datetime.datetime(2021, 1, 2, 3, 4, 5)
    aware = datetime.datetime(2021, 1, 2, 3, 4, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert csv_bytes(columns, [aware]).decode("utf-8-sig").splitlines()[1] == "2021-01-01 20:04"

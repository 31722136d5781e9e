"""CSV and XLSX files that people can compute with, and that are safe to open.

A table is declared once as columns (a label, how to read the value from a row, and a
kind); the writers turn each kind into the cell a spreadsheet expects: dates as dates,
counts as whole numbers, shares as percentages. Every text cell is neutralised against
formula injection: a name such as "=HYPERLINK(...)" typed into a registration form must
reach the spreadsheet as text, not as a formula. Rows are read once, in order, so a caller
can hand over a database iterator and keep memory flat whatever the number of rows.
"""

import csv
import datetime
import io
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

TEXT, DATE, DATETIME = "text", "date", "datetime"
INTEGER, DECIMAL, PERCENT, COUNT = "integer", "decimal", "percent", "count"
KINDS = (TEXT, DATE, DATETIME, INTEGER, DECIMAL, PERCENT, COUNT)

NUMBER_FORMATS = {
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
    INTEGER: "0",
    COUNT: "#,##0",
    DECIMAL: "0.0",
    PERCENT: "0.0%",
}
# Widths in characters when a column does not say: wide enough for the kind's usual values.
KIND_WIDTHS = {DATE: 11, DATETIME: 17, INTEGER: 8, COUNT: 9, DECIMAL: 9, PERCENT: 9}
MIN_WIDTH, MAX_WIDTH = 6, 60
WIDTH_SAMPLE = 100  # rows read ahead to size the text columns


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    """One column of an export: its header, how to read its value from a row, and its kind.

    PERCENT values are in percent (45.2 means 45.2 %), as the app shows them; the XLSX cell
    holds the fraction with a percent format, so that formulas compute with it. A COUNT
    column may hold a text marker instead of a number (a masked small count).
    """

    label: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}; use one of {KINDS}.")


def _local(value: datetime.datetime) -> datetime.datetime:
    """Spreadsheets have no time zones: write the time as read in the app's time zone."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def typed_value(value, kind: str):
    """The value as the spreadsheet cell should hold it (None stays an empty cell)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and kind != TEXT:
        return neutralise(value)  # a marker such as a masked count ("<5") in a number column
    if kind == DATE:
        return value.date() if isinstance(value, datetime.datetime) else value
    if kind == DATETIME:
        return _local(value) if isinstance(value, datetime.datetime) else value
    if kind in (INTEGER, COUNT):
        return int(value)
    if kind in (DECIMAL, PERCENT):
        return Decimal(str(value))
    return neutralise(str(value))


def _csv_text(value, kind: str) -> str:
    value = typed_value(value, kind)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(out: BinaryIO, columns: Sequence[Column], rows: Iterable) -> None:
    """Header and rows as UTF-8 CSV with a BOM (Excel then reads Cyrillic and Chinese names)."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow([neutralise(str(c.label)) for c in columns])
    for row in rows:
        writer.writerow([_csv_text(c.value(row), c.kind) for c in columns])
    text.flush()
    text.detach()  # the caller owns `out`


def _xlsx_value(value, kind: str):
    value = typed_value(value, kind)
    if kind == PERCENT and isinstance(value, Decimal):
        return value / 100
    if isinstance(value, Decimal):
        return float(value)
    return value


def _widths(columns: Sequence[Column], sample: list) -> list[int]:
    widths = []
    for column in columns:
        if column.width:
            widths.append(column.width)
            continue
        longest = len(str(column.label))
        if column.kind == TEXT:
            longest = max([longest, *(len(_csv_text(column.value(row), TEXT)) for row in sample)])
        else:
            longest = max(longest, KIND_WIDTHS[column.kind])
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def _bold(sheet, values: Iterable) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=neutralise(str(value)))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _typed_cells(sheet, columns: Sequence[Column], formats: list, row) -> list:
    cells = []
    for column, number_format in zip(columns, formats, strict=True):
        value = _xlsx_value(column.value(row), column.kind)
        if number_format and value is not None and not isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format
            value = cell
        cells.append(value)
    return cells


def write_xlsx(
    out: BinaryIO, columns: Sequence[Column], rows: Iterable, *, title: str,
    heading: str = "", notes: Sequence[str] = (),
) -> None:
    """One sheet: an optional heading line, the header row (bold, frozen), the rows, notes.

    The workbook is written in openpyxl's write-only mode, which keeps rows on disk, not in
    memory; widths are set from the first rows before any row is written.
    """
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])  # Excel's limit for sheet names
    for index, width in enumerate(_widths(columns, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3" if heading else "A2"
    if heading:
        sheet.append(_bold(sheet, [heading]))
    sheet.append(_bold(sheet, [column.label for column in columns]))
    formats = [NUMBER_FORMATS.get(c.kind) for c in columns]
    for row in itertools.chain(sample, rows):
        sheet.append(_typed_cells(sheet, columns, formats, row))
    if notes:
        sheet.append([])
        for note in notes:
            sheet.append([neutralise(str(note))])
    workbook.save(out)


def csv_bytes(columns: Sequence[Column], rows: Iterable) -> bytes:
    buffer = io.BytesIO()
    write_csv(buffer, columns, rows)
    return buffer.getvalue()


def xlsx_bytes(columns: Sequence[Column], rows: Iterable, *, title: str, **options) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows, title=title, **options)
    return buffer.getvalue()


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[Column], Iterable, str, Sequence[str]]]) -> bytes:
    """Several sheets in one workbook: (title, columns, rows, heading, notes) each, written as
    `write_xlsx` writes one (heading line, bold header row, rows, notes)."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, columns, rows, heading, notes in sheets:
        rows = list(rows)
        name = str(title)[:31]
        for char in "[]:*?/\\":
            name = name.replace(char, " ")
        while name in used:
            name = f"{name[:28]}_{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(title=name)
        for index, width in enumerate(_widths(columns, rows[:WIDTH_SAMPLE]), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if heading:
            sheet.append(_bold(sheet, [heading]))
        sheet.append(_bold(sheet, [column.label for column in columns]))
        formats = [NUMBER_FORMATS.get(c.kind) for c in columns]
        for row in rows:
            sheet.append(_typed_cells(sheet, columns, formats, row))
        if notes:
            sheet.append([])
            for note in notes:
                sheet.append([neutralise(str(note))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

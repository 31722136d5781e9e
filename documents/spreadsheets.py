"""CSV and XLSX files that are safe to open in a spreadsheet.

Every exported text cell is neutralised against formula injection: a name such as
"=HYPERLINK(...)" typed into a registration form must reach the spreadsheet as text, not
as a formula. Numbers stay numbers.
"""

import csv
import io

from openpyxl import Workbook

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    # The BOM makes Excel read the file as UTF-8 (names in Cyrillic and Chinese stay intact).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows, *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])  # Excel's limit for sheet names
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

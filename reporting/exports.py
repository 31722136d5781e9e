"""CSV and XLSX exports of any dashboard table, with small counts masked when configured."""

import csv
import io

from django.conf import settings
from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook

from .tables import PARTICIPATIONS, PEOPLE, SHARE, Table

SMALL_COUNT = 5
MASK = "<5"
COUNT_KINDS = {PEOPLE, PARTICIPATIONS}


def masked_rows(table: Table, *, mask: bool) -> list[list]:
    """Rows with counts of 1–4 replaced by "<5"; a share in a row with a masked count is
    masked too, since it would let the count be worked back."""
    if not mask:
        return [list(row) for row in table.rows]
    result = []
    for row in table.rows:
        out, masked_any = [], False
        for column, value in zip(table.columns, row, strict=True):
            if column.kind in COUNT_KINDS and isinstance(value, int) and 0 < value < SMALL_COUNT:
                out.append(MASK)
                masked_any = True
            else:
                out.append(value)
        if masked_any:
            out = [
                MASK if c.kind == SHARE and v is not None else v
                for c, v in zip(table.columns, out, strict=True)
            ]
        result.append(out)
    return result


def should_mask() -> bool:
    return bool(getattr(settings, "STCE_MASK_SMALL_COUNTS", False))


def _filename(table: Table, extension: str) -> str:
    return f"stce-{slugify(table.slug)}.{extension}"


def csv_response(table: Table) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.label for c in table.columns])
    for row in masked_rows(table, mask=should_mask()):
        writer.writerow(["" if v is None else v for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, "csv")}"'
    return response


def xlsx_response(table: Table) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.slug[:31]
    sheet.append([table.title])
    sheet.append([c.label for c in table.columns])
    for row in masked_rows(table, mask=should_mask()):
        sheet.append(row)
    if table.note:
        sheet.append([])
        sheet.append([table.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, "xlsx")}"'
    return response


EXPORTERS = {"csv": csv_response, "xlsx": xlsx_response}

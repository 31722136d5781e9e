"""CSV and XLSX exports of any dashboard table, with small counts masked when configured.

The cells are typed as the table declares them (documents.spreadsheets writes them): counts
are whole numbers, shares are percentages, years are numbers, so that a donor can sum and
chart the file without retyping it.
"""

from operator import itemgetter

from django.conf import settings
from django.utils.translation import gettext as _

from documents import spreadsheets
from people.lists import export_response

from .tables import LABEL, NUMBER, PARTICIPATIONS, PEOPLE, PERCENT, SHARE, YEAR, Table

SMALL_COUNT = 5
MASK = "<5"
COUNT_KINDS = {PEOPLE, PARTICIPATIONS}
CELL_KINDS = {
    LABEL: spreadsheets.TEXT,
    YEAR: spreadsheets.INTEGER,
    PEOPLE: spreadsheets.COUNT,
    PARTICIPATIONS: spreadsheets.COUNT,
    SHARE: spreadsheets.PERCENT,
    PERCENT: spreadsheets.PERCENT,
}


def masked_rows(table: Table, *, mask: bool) -> list[list]:
    """Rows with counts of 1–4 replaced by "<5". A share in a row with a masked count would let
    the count be worked back, so it is left empty: "<5" stays in count columns, where it reads
    as a count, and never stands in a column of percentages."""
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
            out = [None if c.kind == SHARE else v for c, v in zip(table.columns, out, strict=True)]
        result.append(out)
    return result


def should_mask() -> bool:
    return bool(getattr(settings, "STCE_MASK_SMALL_COUNTS", False))


def _cell_kind(table: Table, index: int) -> str:
    kind = table.columns[index].kind
    if kind != NUMBER:
        return CELL_KINDS[kind]
    values = [row[index] for row in table.rows if row[index] is not None]
    return spreadsheets.INTEGER if all(isinstance(v, int) for v in values) else spreadsheets.DECIMAL


def _year(value):
    return int(value) if str(value).isdigit() else value  # "Not recorded" stays text


def export_columns(table: Table) -> list[spreadsheets.Column]:
    columns = []
    for index, column in enumerate(table.columns):
        read = itemgetter(index)
        if column.kind == YEAR:
            read = lambda row, index=index: _year(row[index])  # noqa: E731
        columns.append(spreadsheets.Column(column.label, read, _cell_kind(table, index)))
    return columns


def table_download(table: Table, *, dashboard: str, fmt: str):
    mask = should_mask()
    rows = masked_rows(table, mask=mask)
    notes = [table.note] if table.note else []
    if mask and any(MASK in row for row in rows):
        notes.append(_("Counts from 1 to 4 are shown as <5; shares in those rows are left empty."))
    return export_response(
        export_columns(table),
        rows,
        fmt=fmt,
        name=f"{dashboard}-{table.slug}",
        title=table.slug,
        heading=table.title,
        notes=notes,
    )


EXPORT_FORMATS = ("csv", "xlsx")

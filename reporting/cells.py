"""Distinct people over any selection of slices, from packed copies of the slices' cells.

A filtered dashboard counts distinct people over the slices its filters select (a period, a
region, a kind, a language): counted by the database that is one COUNT(DISTINCT) per
breakdown over up to every slice, a second or more at `seed_scale` size. Every filter selects
whole *cells* (the slices of one year, region, kind and format, and language for the
language slices), so each cell's slices are kept packed, column by column, and a filtered
view reads the packed cells it selects and counts people with array operations: the
filters' cost no longer grows with how many people they take.

A cell's packed copy is current when it was packed at the cell's version, which a trigger
bumps whenever one of its slices changes (reporting.triggers); whoever finds a copy stale
packs it again from the slices, so a copy is never used out of step with its slices.
"""

# The SQL below is assembled from constants of this module and reporting.triggers only;
# values are passed as parameters.
# ruff: noqa: S608

from dataclasses import dataclass

import numpy as np
from django.db import connections, transaction

from people.models import Gender

from .models import PackedTraineeCell, TraineeCell
from .triggers import CELL, LANGUAGE_SLICE, PACKED_CELL, SLICE

GENDER_INDEX = {g.value: i for i, g in enumerate(Gender)}
KEY = ("year", "region", "kind", "format", "language")
# Above this many stale cells, one read of the selected slices packs them all.
STALE_CELLS_READ_ONE_BY_ONE = 200


class CannotPack(ValueError):
    """A slice holds a value the packed columns cannot hold (a gender outside the choices,
    a country code that is not two ASCII letters): the caller counts in the database."""


@dataclass
class PackedRows:
    """The slices of the selected cells, concatenated cell after cell."""

    cells: list[tuple]  # (year, region, kind, format, language) of each cell
    counts: np.ndarray  # how many slices each cell holds
    people: np.ndarray
    organisations: np.ndarray
    participations: np.ndarray
    genders: np.ndarray
    countries: np.ndarray

    def values_of(self, dimension: str) -> tuple[list, np.ndarray]:
        """The distinct values of a cell dimension, and each slice's index among them."""
        position = KEY.index(dimension)
        per_cell = [cell[position] for cell in self.cells]
        values = sorted(set(per_cell), key=str)
        index = {value: i for i, value in enumerate(values)}
        codes = np.fromiter((index[v] for v in per_cell), dtype=np.intp, count=len(per_cell))
        return values, np.repeat(codes, self.counts)


def country_number(code: str) -> int:
    data = code.encode("ascii", errors="strict") if code.isascii() else None
    if data is None or len(data) > 2:
        raise CannotPack(f"country code {code!r}")
    return int.from_bytes(data.ljust(2, b"\0"), "little")


def country_code(number: int) -> str:
    return int(number).to_bytes(2, "little").rstrip(b"\0").decode("ascii")


SLICE_TABLES = {TraineeCell.SLICE: SLICE, TraineeCell.LANGUAGE: LANGUAGE_SLICE}


def _filter_sql(filters, prefix: str = "") -> tuple[list[str], list]:
    conditions, params = [], []
    for column, operator, value in (
        ("year", ">=", filters.year_from),
        ("year", "<=", filters.year_to),
        ("region", "=", filters.region),
        ("kind", "=", filters.kind),
        ("language", "=", filters.language),
    ):
        if value:
            conditions.append(f"{prefix}{column} {operator} %s")
            params.append(value)
    return conditions, params


COLUMNS = ("people", "organisations", "participations", "genders", "countries")
DTYPES = {
    "people": "<i8",
    "organisations": "<i8",
    "participations": "<i4",
    "genders": "u1",
    "countries": "<u2",
}
# What a breakdown by one dimension reads: the person, gender and participations of a slice.
BREAKDOWN_COLUMNS = ("people", "participations", "genders")


def packed_rows(filters, *, by_language: bool, columns=COLUMNS, using: str = "default") -> PackedRows:
    """The slices (with people in them) that `filters` select, from the packed cells; the
    cells found stale are packed again first. One query when every cell is current. Columns
    not asked for are left empty (less to read)."""
    source = TraineeCell.LANGUAGE if by_language or filters.language else TraineeCell.SLICE
    conditions, params = _filter_sql(filters, "c.")
    where = " AND ".join(["c.source = %s", *conditions])
    with binary_cursor(using) as cursor:
        cursor.execute(
            "SELECT c.id, c.year, c.region, c.kind, c.format, c.language, c.version, p.version, "
            + ", ".join(f"p.{column}" for column in columns)
            + f" FROM {CELL} c LEFT JOIN {PACKED_CELL} p ON p.cell_id = c.id WHERE {where} ORDER BY c.id",
            [source, *params],
        )
        found = cursor.fetchall()
    stale = [(row[0], tuple(row[1:6]), row[6]) for row in found if row[7] != row[6]]
    if stale:
        repacked = _pack(source, stale, filters, using=using)
        chosen = [COLUMNS.index(column) for column in columns]
        found = [
            (*row[:8], *(repacked[row[0]][i] for i in chosen)) if row[0] in repacked else row for row in found
        ]
    # Column by column: the rows all have the same length, so transposing them loses nothing.
    by_column = dict(zip(columns, list(zip(*found, strict=True))[8:], strict=True)) if found else {}
    arrays = {
        column: np.frombuffer(b"".join(by_column.get(column, ())), dtype=DTYPES[column]) for column in COLUMNS
    }
    counts = np.fromiter(
        (len(data) // 8 for data in by_column.get("people", ())), dtype=np.intp, count=len(found)
    )
    cells = [tuple(row[1:6]) for row in found]
    return PackedRows(cells, counts, **arrays)


def binary_cursor(using: str):
    """A cursor that reads PostgreSQL's bytea as it is stored: Django's psycopg cursors bind
    parameters client-side, which returns results as text, and a packed column as text is
    twice its size in hexadecimal (half of a wide filter's read of the cells). Wrapped as
    Django wraps its own, so queries are logged and counted alike."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return connection.cursor()
    import psycopg

    connection.ensure_connection()
    cursor = psycopg.Cursor(connection.connection)
    cursor.format = psycopg.pq.Format.BINARY
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def _pack(source: str, stale: list[tuple], filters, *, using: str) -> dict[int, tuple[bytes, ...]]:
    """Pack the stale cells from their slices and keep the copies; returns them by cell id.

    Each copy is labelled with the version read *before* its slices: a change made since
    then has bumped the version past it, so the copy is packed again next time."""
    language = "language" if source == TraineeCell.LANGUAGE else "''"
    select = (
        f"SELECT year, region, kind, format, {language}, person_id, organisation_id, n, gender, country "
        f"FROM {SLICE_TABLES[source]} WHERE n > 0"
    )
    if len(stale) <= STALE_CELLS_READ_ONE_BY_ONE:
        key_columns = KEY if source == TraineeCell.LANGUAGE else KEY[:4]
        one_cell = "(" + " AND ".join(f"{column} = %s" for column in key_columns) + ")"
        select += " AND (" + " OR ".join([one_cell] * len(stale)) + ")"
        params = [value for _id, key, _version in stale for value in key[: len(key_columns)]]
    else:
        conditions, params = _filter_sql(filters)
        select += "".join(f" AND {condition}" for condition in conditions)
    slices: dict[tuple, list[tuple]] = {key: [] for _id, key, _version in stale}
    with connections[using].cursor() as cursor:
        cursor.execute(select, params)
        for row in cursor.fetchall():
            rows = slices.get(tuple(row[:5]))
            if rows is not None:
                rows.append(row[5:])
    packed = {cell_id: pack_slices(slices[key]) for cell_id, key, _version in stale}
    with transaction.atomic(using=using):
        PackedTraineeCell.objects.using(using).bulk_create(
            [
                PackedTraineeCell(
                    cell_id=cell_id, version=version, **dict(zip(COLUMNS, packed[cell_id], strict=True))
                )
                for cell_id, _key, version in stale
            ],
            update_conflicts=True,
            unique_fields=["cell_id"],
            update_fields=["version", *COLUMNS],
            batch_size=500,
        )
    return packed


def pack_slices(rows: list[tuple]) -> tuple[bytes, ...]:
    """(person_id, organisation_id, n, gender, country) rows → the five packed columns."""
    try:
        genders = [GENDER_INDEX[row[3]] for row in rows]
    except KeyError as unknown:
        raise CannotPack(f"gender {unknown}") from None
    return (
        np.fromiter((row[0] for row in rows), dtype="<i8", count=len(rows)).tobytes(),
        np.fromiter((row[1] for row in rows), dtype="<i8", count=len(rows)).tobytes(),
        np.fromiter((row[2] for row in rows), dtype="<i4", count=len(rows)).tobytes(),
        np.array(genders, dtype="u1").tobytes(),
        np.fromiter((country_number(row[4]) for row in rows), dtype="<u2", count=len(rows)).tobytes(),
    )


def pack_every_cell(using: str = "default") -> None:
    """Pack all cells at once, after a recount (seed_scale, migrations): the first filtered
    view then finds every copy current."""
    from .figures import Filters

    for source in (TraineeCell.SLICE, TraineeCell.LANGUAGE):
        stale = [
            (pk, (year, region, kind, format_, language), version)
            for pk, year, region, kind, format_, language, version in TraineeCell.objects.using(using)
            .filter(source=source)
            .values_list("id", *KEY, "version")
        ]
        if stale:
            _pack(source, stale, Filters(), using=using)


# Counting over packed rows.


def dense_people(people: np.ndarray) -> tuple[np.ndarray, int]:
    """Each slice's person as an index into arrays with one place per person."""
    low, high = int(people.min()), int(people.max())
    if high - low < 8 * len(people) + 1_000_000:
        return people - low, high - low + 1
    distinct, index = np.unique(people, return_inverse=True)
    return index, len(distinct)


def people_and_genders(people: np.ndarray, genders: np.ndarray):
    """(each row's person as a dense index, how many places, each person's gender): a
    person's gender is the same on all their rows, so any of them gives it."""
    person, size = dense_people(people)
    gender_of = np.zeros(size, dtype=np.intp)
    gender_of[person] = genders
    return person, size, gender_of


def people_by_value(
    person: np.ndarray,
    size: int,
    codes: np.ndarray,
    n_codes: int,
    gender_of: np.ndarray,
    genders: int = len(GENDER_INDEX),
):
    """(value, gender) → distinct people having a row with that value, as an array: `person`
    is each row's person (dense, below `size`), `codes` each row's value (below `n_codes`),
    `gender_of` each person's gender (below `genders`)."""
    if size * n_codes <= 64_000_000:
        seen = np.zeros(size * n_codes, dtype=bool)
        seen[person * n_codes + codes] = True
        pairs = np.flatnonzero(seen)
    else:
        pairs = np.unique(person.astype(np.int64) * n_codes + codes)
    return np.bincount(
        (pairs % n_codes) * genders + gender_of[pairs // n_codes], minlength=n_codes * genders
    ).reshape(n_codes, genders)


def participations_by_value(codes: np.ndarray, n_codes: int, rows: PackedRows) -> np.ndarray:
    genders = len(GENDER_INDEX)
    sums = np.bincount(
        codes * genders + rows.genders, weights=rows.participations, minlength=n_codes * genders
    )
    return sums.astype(np.int64).reshape(n_codes, genders)

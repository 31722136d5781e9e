"""What every list page's tests check the same way: exports read back, and a number of
queries that does not grow with the rows (the page and both exports, at 5 and at 50 rows)."""

import csv
import io
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

SMALL, LARGE = 5, 50


def export(client, url: str, fmt: str, params: dict | None = None):
    response = client.get(url, {**(params or {}), "export": fmt})
    assert response.status_code == 200, response.status_code
    return response


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def xlsx_sheet(response):
    assert "spreadsheetml" in response["Content-Type"]
    return load_workbook(io.BytesIO(response.getvalue())).active


def xlsx_records(response) -> list[dict]:
    """The rows of the sheet as {header: cell}, so tests can check each cell's type."""
    rows = list(xlsx_sheet(response).iter_rows())
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _queries(client, url: str, params: dict) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response


def assert_queries_do_not_grow(
    client, url: str, add_rows: Callable[[int], None], django_assert_num_queries,
    params: dict | None = None,
) -> None:
    """`add_rows(n)` adds n rows the list shows. The page, its CSV and its XLSX run as many
    queries for 5 rows as for 50, and the exports hold every row, not only the first page."""
    params = params or {}
    variants = {"page": params, "csv": {**params, "export": "csv"}, "xlsx": {**params, "export": "xlsx"}}
    add_rows(SMALL)
    for query in variants.values():
        client.get(url, query)  # warm the per-process caches (content types, site settings)
    counts = {name: _queries(client, url, query)[0] for name, query in variants.items()}
    add_rows(LARGE - SMALL)
    for name, query in variants.items():
        with django_assert_num_queries(counts[name]):
            response = client.get(url, query)
        if name == "csv":
            assert len(csv_rows(response)) - 1 >= LARGE
        elif name == "xlsx":
            assert xlsx_sheet(response).max_row - 1 >= LARGE

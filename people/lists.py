"""One way to build a list page: filter, sort, paginate and export.

A list page declares a `ListPage` once, next to its view: the FilterSet of its search and
filters (in the app's forms/ package), the sorts it offers (name → ordering), its page size,
the headers of its table and the columns of its export. The view hands over the rows the
user may see and the template:

    listing = PEOPLE.apply(request, Person.objects.filter(...))
    return listing.response("people/person_list.html")

`response()` renders the page (templates/includes/list_page.html draws the sortable headers,
the empty state, the pages and the export buttons), or, with `?export=csv` or `?export=xlsx`
in the address, sends every row that the filters keep (not only the current page) as a file.
The export lives on the page's own address so that it cannot be seen by anyone who cannot
see the page; `export_roles` narrows it further where a page shows more than it may hand out.
"""

import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from documents import downloads, spreadsheets
from people.roles import has_role

EXPORT_FORMATS = {"csv": downloads.CSV, "xlsx": downloads.XLSX}
# Rows read from the database per query when exporting: the number of queries stays fixed
# for any list a person would export, and memory stays flat for a long one.
EXPORT_CHUNK = 2000
# Files stay in memory up to this size, then spill to a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Header:
    """A column of the table on screen; `sort` names one of the page's sorts, if it sorts."""

    label: str
    sort: str = ""
    hidden: bool = False  # read by screen readers only (a column of buttons)
    css: str = ""


@dataclass(frozen=True)
class ListPage:
    name: str  # the exported file is called "<name>-<date>.csv"
    title: str  # the table's caption and the spreadsheet's sheet name
    filterset: type[django_filters.FilterSet]
    sorts: Mapping[str, Sequence]
    default_sort: str
    headers: Sequence[Header]
    columns: Sequence[spreadsheets.Column]
    page_size: int = 50
    export_roles: tuple[str, ...] = ()  # empty: whoever may see the page may export it
    # Completes rows after they are read, a page or an export chunk at a time (never per row).
    prepare: Callable[[list], list] | None = None

    def __post_init__(self):
        unknown = {h.sort for h in self.headers if h.sort} - set(self.sorts)
        if self.default_sort not in self.sorts or unknown:
            missing = unknown or {self.default_sort}
            raise ImproperlyConfigured(f"{self.name}: the sorts {missing} are not offered.")

    def apply(self, request, queryset, *, data=None) -> "Listing":
        """Filter and sort `queryset` as the request asks. `data` replaces the query string
        as the filters' input (a page that fills in filters for the user)."""
        return Listing(self, request, queryset, request.GET if data is None else data)


class Listing:
    """One request's view of a list page: the filters, the sort, the page and the export."""

    def __init__(self, page: ListPage, request, queryset, data):
        self.page = page
        self.request = request
        # Always bound: empty data is a valid form, and a bad value is an error next to its field.
        self.filter = page.filterset(data, queryset=queryset, request=request)
        requested = request.GET.get("sort", "")
        self.sort = requested if requested in page.sorts else page.default_sort
        self.rows = self.filter.qs.order_by(*page.sorts[self.sort])

    def cleaned(self, name: str):
        """A filter's value when it was valid, else None (a bad value filters nothing)."""
        self.filter.form.is_valid()
        return getattr(self.filter.form, "cleaned_data", {}).get(name)

    def use_rows(self, rows: list) -> "Listing":
        """Page and export `rows` (already filtered and sorted in memory) instead of the
        queryset: for lists kept outside the database, such as lockouts in a shared cache."""
        self.rows = rows
        self.__dict__.pop("page_obj", None)
        return self

    @cached_property
    def page_obj(self):
        page = Paginator(self.rows, self.page.page_size).get_page(self.request.GET.get("page"))
        if self.page.prepare is not None:
            page.object_list = self.page.prepare(list(page.object_list))
        return page

    @property
    def filtered(self) -> bool:
        """Whether the user asked for some rows only (an empty list then means "no match")."""
        return any(self.filter.data.get(name) for name in self.filter.filters)

    @property
    def headers(self) -> Sequence[Header]:
        return self.page.headers

    @property
    def caption(self) -> str:
        return self.page.title

    @cached_property
    def can_export(self) -> bool:
        return not self.page.export_roles or has_role(self.request.user, *self.page.export_roles)

    def context(self) -> dict:
        return {
            "listing": self,
            "filter": self.filter,
            "form": self.filter.form,
            "page_obj": self.page_obj,
            "sort": self.sort,
        }

    def response(self, template: str, extra: dict | None = None) -> HttpResponse:
        if "export" in self.request.GET:
            return self.export(self.request.GET["export"])
        return render(self.request, template, {**self.context(), **(extra or {})})

    def export(self, fmt: str) -> HttpResponse:
        if fmt not in EXPORT_FORMATS:
            raise Http404
        if not self.can_export:
            raise PermissionDenied
        return export_response(
            self.page.columns, self.all_rows(), fmt=fmt, name=self.page.name, title=self.page.title
        )

    def all_rows(self) -> Iterator:
        """Every row the filters keep, in the page's order, read in chunks."""
        rows = iter(self.rows) if isinstance(self.rows, list) else self.rows.iterator(chunk_size=EXPORT_CHUNK)
        if self.page.prepare is None:
            return rows
        return (row for chunk in _chunks(rows, EXPORT_CHUNK) for row in self.page.prepare(chunk))


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_filename(name: str, fmt: str) -> str:
    """"people-2026-12-04.xlsx": what was exported, and on which day."""
    return f"{slugify(name)[:80] or 'export'}-{timezone.localdate().isoformat()}.{fmt}"


def export_response(
    columns: Sequence[spreadsheets.Column], rows: Iterable, *, fmt: str, name: str, title: str,
    heading: str = "", notes: Sequence[str] = (),
) -> HttpResponse:
    """The rows as a CSV or XLSX download (the one writer every export of the app goes through)."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    if fmt == "csv":
        spreadsheets.write_csv(file, columns, rows)
    else:
        spreadsheets.write_xlsx(file, columns, rows, title=title, heading=heading, notes=notes)
    file.seek(0)
    return downloads.file_download(
        file, filename=export_filename(name, fmt), content_type=EXPORT_FORMATS[fmt]
    )

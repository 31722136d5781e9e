"""Dashboard pages and their table exports, for coordinators and administrators."""

from django.http import Http404
from django.shortcuts import render

from courses.services.events import mark_events_that_took_place
from people.roles import ADMINISTRATOR, COORDINATOR, role_required

from .exports import EXPORT_FORMATS, table_download
from .forms import DashboardFilterForm
from .gender import gender_dashboard as gender_tables
from .programme import programme_dashboard as programme_tables
from .tables import Labels, target_percent

DASHBOARDS = {"gender": gender_tables, "programme": programme_tables}
TITLES = {"gender": "reporting/gender.html", "programme": "reporting/programme.html"}


def _tables(request, dashboard: str, *, paged: bool):
    # A training whose last day was yesterday counts from today, whether or not the daily
    # task has run yet.
    mark_events_that_took_place()
    labels = Labels()
    form = DashboardFilterForm(request.GET or None, labels=labels)
    filters = form.filters()
    if dashboard == "programme":
        # The page shows a page of its long experts' activity table; an export, all of it.
        page = (request.GET.get("page") or 1) if paged else None
        return form, filters, programme_tables(filters, labels, page=page)
    return form, filters, DASHBOARDS[dashboard](filters, labels)


def _render(request, dashboard: str):
    form, filters, tables = _tables(request, dashboard, paged=True)
    return render(
        request,
        TITLES[dashboard],
        {
            "form": form,
            "filters": filters,
            "tables": tables,
            "dashboard": dashboard,
            "querystring": request.GET.urlencode(),
            "target": target_percent(),
        },
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def gender_dashboard(request):
    return _render(request, "gender")


@role_required(COORDINATOR, ADMINISTRATOR)
def programme_dashboard(request):
    return _render(request, "programme")


@role_required(COORDINATOR, ADMINISTRATOR)
def export_table(request, dashboard: str, table: str, fmt: str):
    if dashboard not in DASHBOARDS or fmt not in EXPORT_FORMATS:
        raise Http404
    _form, _filters, tables = _tables(request, dashboard, paged=False)
    chosen = next((t for t in tables if t.slug == table), None)
    if chosen is None:
        raise Http404
    return table_download(chosen, dashboard=dashboard, fmt=fmt)

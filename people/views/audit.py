"""The audit trail in the app: one object's history, and recent changes across all records."""

from operator import itemgetter

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy

from documents.spreadsheets import DATETIME, Column
from people import audit
from people.forms.audit import AuditFilter
from people.lists import Header, ListPage
from people.roles import ADMINISTRATOR, role_required

HISTORY_PAGE_SIZE = 25
LOG_PAGE_SIZE = 50


@role_required(ADMINISTRATOR)
def object_history(request, app_label: str, model_name: str, pk: str):
    model = audit.audited_model(app_label, model_name)
    try:
        # A key of the wrong type ("abc" for a number) would make the query raise (a 500).
        model._meta.pk.to_python(pk)
    except ValidationError:
        raise Http404 from None
    records = audit.object_history(model, pk)
    page = Paginator(records, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    page_records = list(page.object_list)
    if not page_records:
        raise Http404
    older_than_page = records[page.end_index():page.end_index() + 1].first() if page.has_next() else None
    current = model._default_manager.filter(pk=pk).first()
    return render(
        request,
        "people/audit_object.html",
        {
            "model_meta": model._meta,
            "object_pk": pk,
            "current": current,
            "entries": audit.entries_with_changes(page_records, older_than_page),
            "page_obj": page,
        },
    )


CHANGE_LABELS = {"+": gettext_lazy("Created"), "~": gettext_lazy("Changed"), "-": gettext_lazy("Deleted")}


def _describe(rows: list[dict]) -> list[dict]:
    """Each row's kind of record and what happened, from the model label (no queries)."""
    labels = {m._meta.label_lower: m._meta for m in audit.audited_models()}
    for row in rows:
        row["meta"] = labels[row["model_label"]]
        row["change"] = CHANGE_LABELS.get(row["history_type"], "")
    return rows


AUDIT_LOG = ListPage(
    name="audit-log",
    title=gettext_lazy("Audit log"),
    filterset=AuditFilter,
    sorts={"when": ("history_date", "history_id"), "-when": ("-history_date", "-history_id")},
    default_sort="-when",
    page_size=LOG_PAGE_SIZE,
    headers=[
        Header(gettext_lazy("When"), sort="when"),
        Header(gettext_lazy("Record")),
        Header(gettext_lazy("Change")),
        Header(gettext_lazy("By")),
        Header(gettext_lazy("Reason")),
    ],
    columns=[
        Column(gettext_lazy("When"), itemgetter("history_date"), DATETIME),
        Column(gettext_lazy("Kind of record"), lambda row: str(row["meta"].verbose_name).capitalize()),
        Column(gettext_lazy("Record number"), itemgetter("object_id")),
        Column(gettext_lazy("Change"), itemgetter("change")),
        Column(gettext_lazy("By"), lambda row: row["username"] or gettext("the system")),
        Column(gettext_lazy("Reason"), itemgetter("history_change_reason")),
    ],
    prepare=_describe,
)


@role_required(ADMINISTRATOR)
def audit_log(request):
    return AUDIT_LOG.apply(request, audit.recent_changes()).response("people/audit_log.html")

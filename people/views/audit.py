"""The audit trail in the app: one object's history, and recent changes across all records."""

from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from people import audit
from people.forms.audit import AuditFilterForm
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


@role_required(ADMINISTRATOR)
def audit_log(request):
    models = audit.audited_models()
    form = AuditFilterForm(request.GET or None, models=models)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        if data["model"]:
            filters["model"] = apps.get_model(data["model"])
        filters["user_id"] = data["user"].pk if data["user"] else None
        filters["date_from"], filters["date_to"] = data["date_from"], data["date_to"]
    page = Paginator(audit.recent_changes(**filters), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    usernames = dict(
        User.objects.filter(pk__in={r["history_user_id"] for r in rows if r["history_user_id"]})
        .values_list("pk", "username")
    )
    labels = {m._meta.label_lower: m._meta for m in models}
    for row in rows:
        row["meta"] = labels[row["model_label"]]
        row["username"] = usernames.get(row["history_user_id"])
    return render(
        request,
        "people/audit_log.html",
        {"form": form, "rows": rows, "page_obj": page},
    )

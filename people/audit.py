"""The audit trail read back: who changed what, when, for any model with `history`.

Every model that users edit keeps django-simple-history records. This module is generic over
all of them, so models that later issues add (certificates, accreditation decisions) appear
in the history screens as soon as they declare `history = HistoricalRecords()`.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.http import Http404


def audited_models() -> list[type[models.Model]]:
    """Every model whose changes are recorded, in a stable order."""
    found = [
        model for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def audited_model(app_label: str, model_name: str) -> type[models.Model]:
    """The audited model named in a URL, or 404 (never an arbitrary model)."""
    for model in audited_models():
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name.lower()):
            return model
    raise Http404


def history_manager(model: type[models.Model]):
    return getattr(model, model._meta.simple_history_manager_attribute)


@dataclass
class FieldChange:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    record: object
    changes: list[FieldChange]


def _shown(field, value):
    if value is None or value == "":
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def changes_between(older, newer) -> list[FieldChange]:
    """Field-by-field differences between two history records of one object (no queries)."""
    changes = []
    for field in newer.tracked_fields:
        old_value = getattr(older, field.attname) if older is not None else None
        new_value = getattr(newer, field.attname)
        if older is None and new_value in (None, ""):
            continue
        if older is None or old_value != new_value:
            changes.append(
                FieldChange(str(field.verbose_name), _shown(field, old_value), _shown(field, new_value))
            )
    return changes


def object_history(model: type[models.Model], pk) -> models.QuerySet:
    pk_field = model._meta.pk.attname
    return history_manager(model).filter(**{pk_field: pk}).select_related("history_user").order_by(
        "-history_date", "-history_id"
    )


def entries_with_changes(records: list, older_than_page) -> list[HistoryEntry]:
    """Pair each record (newest first) with the one before it to show what it changed."""
    entries = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else older_than_page
        entries.append(HistoryEntry(record=record, changes=changes_between(older, record)))
    return entries


def recent_changes(*, model: type[models.Model] | None = None, user_id: int | None = None,
                   date_from=None, date_to=None) -> models.QuerySet:
    """One queryset over every history table (UNION ALL), newest first.

    Each row is a dict: model_label, object_id, history_id, history_date, history_type,
    history_user_id, username (of history_user), history_change_reason. Filters are applied
    inside each table's query.
    """
    chosen = [model] if model is not None else audited_models()
    parts = []
    for audited in chosen:
        qs = history_manager(audited).all()
        if user_id is not None:
            qs = qs.filter(history_user_id=user_id)
        if date_from is not None:
            qs = qs.filter(history_date__date__gte=date_from)
        if date_to is not None:
            qs = qs.filter(history_date__date__lte=date_to)
        parts.append(
            qs.order_by().annotate(
                model_label=models.Value(audited._meta.label_lower, output_field=models.CharField()),
                object_id=Cast(audited._meta.pk.attname, output_field=models.CharField()),
            ).values(
                "model_label", "object_id", "history_id", "history_date", "history_type",
                "history_user_id", "history_change_reason",
                username=models.F("history_user__username"),
            )
        )
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-history_date", "-history_id")

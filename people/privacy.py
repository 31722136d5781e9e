"""A person's rights over their data: see everything held on them, and be erased on request.

The export walks Person's reverse relations generically (enrolments, trainer assignments,
agenda items, expert profile, certificates...), one level down as well (attendance under an
enrolment, decisions under an expert profile), so models added later are exported without
touching this module.

Erasure anonymises instead of deleting: the row stays so that counts by gender and country,
completion figures and certificate verification stay right, but nothing identifies the
person any more, in the live row or in its history.
"""

import datetime
import json
import re
from collections.abc import Callable

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Max, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from people.audit import changes_between
from people.errors import DomainError
from people.models import Person

ERASED_NAME = "Erased person #{pk}"
# Sent inside the erasure's transaction with `person` (already anonymised), `erased_by` and
# `former` (a dict of the names and e-mail address the person had, for copies that can only
# be found by their text, see `redact_columns`). Apps that keep copies of a person's name
# (e.g. a certificate's text snapshot) connect to it and scrub them; an exception in a
# receiver rolls the whole erasure back.
person_erased = Signal()
# Apps above this one add what they hold on a person that is not a row pointing at them
# (e.g. a nomination known by its e-mail address, a row's own history): name -> function of
# the person returning plain data. Registered in the apps' AppConfig.ready.
_export_hooks: dict[str, Callable[[Person], object]] = {}
# name -> the section's title in the PDF (a hook without one is in the JSON only).
_export_titles: dict[str, str] = {}
# Files held on the person (e.g. a nomination letter): functions of the person returning
# [(file name, bytes)], attached to the PDF export.
_export_files: list[Callable[[Person], list[tuple[str, bytes]]]] = []


def register_export(name: str, hook, *, title=None, files=None) -> None:
    """Add `hook(person)` to the export under `name`. With a `title`, the PDF shows it as a
    section of that title (a list of rows: a "text" line, fields, and lists such as a
    "history"), in place of the related rows of the same name: the hook tells more about them.
    `files(person)` returns files to attach to the PDF."""
    _export_hooks[name] = hook
    if title is not None:
        _export_titles[name] = title
    if files is not None:
        _export_files.append(files)


def export_titles() -> dict[str, str]:
    """The hooks that the PDF shows, and their titles."""
    return dict(sorted(_export_titles.items()))


def person_export_files(person: Person) -> list[tuple[str, bytes]]:
    return [file for files in _export_files for file in files(person)]


# Person fields an erasure clears; gender and country stay so aggregate figures stay correct.
PERSONAL_FIELDS = {"given_name": "", "latin_name": "", "position": "", "email": None}
ERASURE_REASON_MAX = 80  # fits the history's 100-character reason with its prefix


def _field_values(obj: models.Model) -> dict:
    """Concrete field values, foreign keys as their id and their text."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name == "search_text":
            continue
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            data[field.name] = related_id
            if related_id is not None and field.name in obj._state.fields_cache:
                data[f"{field.name}_text"] = str(getattr(obj, field.name))
        else:
            value = getattr(obj, field.attname)
            data[field.name] = value
            if field.choices and value not in (None, ""):
                data[f"{field.name}_text"] = str(dict(field.flatchoices).get(value, value))
    return data


def _related_rows(obj: models.Model, rel) -> list[models.Model]:
    accessor = rel.get_accessor_name()
    if rel.one_to_one:
        try:
            return [getattr(obj, accessor)]
        except rel.related_model.DoesNotExist:
            return []
    manager = getattr(obj, accessor)
    related_fks = [
        f.name for f in rel.related_model._meta.concrete_fields
        if f.many_to_one and f.related_model is not type(obj)
    ]
    return list(manager.all().select_related(*related_fks))


def _reverse_relations(model: type[models.Model]):
    return [rel for rel in model._meta.related_objects if not rel.hidden and rel.related_model is not model]


def _history(obj: models.Model) -> list[dict]:
    manager_name = getattr(obj._meta, "simple_history_manager_attribute", None)
    if not manager_name:
        return []
    records = list(
        getattr(type(obj), manager_name)
        .filter(**{obj._meta.pk.attname: obj.pk})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    rows, previous = [], None
    for record in records:
        rows.append(
            {
                "when": record.history_date,
                "type": record.get_history_type_display(),
                "by_user_id": record.history_user_id,
                "reason": record.history_change_reason or "",
                "changes": {c.field: [str(c.old), str(c.new)] for c in changes_between(previous, record)},
            }
        )
        previous = record
    return rows


def object_history(obj: models.Model) -> list[dict]:
    """The audit trail of any audited row, as the export shows it (for export hooks)."""
    return _history(obj)


def person_export(person: Person) -> dict:
    """Everything held on a person, as plain data (dates as datetime objects)."""
    person = Person.objects.with_relations().get(pk=person.pk)
    sections = {}
    for rel in _reverse_relations(Person):
        rows = []
        for obj in _related_rows(person, rel):
            row = {"id": obj.pk, "text": str(obj), "fields": _field_values(obj)}
            for child_rel in _reverse_relations(type(obj)):
                if child_rel.many_to_many or child_rel.related_model is Person:
                    continue
                children = _related_rows(obj, child_rel)
                if children:
                    row[child_rel.get_accessor_name()] = [
                        {"id": child.pk, "text": str(child), "fields": _field_values(child)}
                        for child in children
                    ]
            rows.append(row)
        sections[rel.get_accessor_name()] = {
            "title": str(rel.related_model._meta.verbose_name_plural), "rows": rows,
        }
    return {
        "exported_at": timezone.now(),
        "person": _field_values(person),
        "related": sections,
        "history": _history(person),
        **{name: hook(person) for name, hook in sorted(_export_hooks.items())},
    }


def person_export_json(person: Person) -> str:
    return json.dumps(person_export(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def erase_person(*, person: Person, reason: str, erased_by) -> Person:
    """Anonymise a person on their request and scrub their personal data from the history.

    Keeps gender and country (aggregate figures) and every related row (attendance,
    certificates), so counts and verification stay right. A linked sign-in account is closed.
    The erasure itself is recorded as a history row with who, when and the reason.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise DomainError(_("This person's data has already been erased."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Give the reason for the erasure (for example, the request it answers)."), field="reason"
        )
    former = {
        field: getattr(person, field) or "" for field in ("given_name", "family_name", "latin_name", "email")
    }
    erased_name = ERASED_NAME.format(pk=person.pk)
    history = Person.history.filter(id=person.pk)
    history.update(family_name=erased_name, **PERSONAL_FIELDS)
    for field, value in PERSONAL_FIELDS.items():
        setattr(person, field, value)
    person.family_name = erased_name
    person.erased_at = timezone.now()
    person._change_reason = f"Erased on request: {reason}"[:100]
    person._history_user = erased_by
    person.save()
    if person.user_id:
        _close_user_account(person.user)
    redact_related_text(person, former)
    # The back office's own log names what it changed as it was called then ("Ivanov, ...").
    redact_columns(LogEntry, ["object_repr", "change_message"], former)
    person_erased.send(sender=Person, person=person, erased_by=erased_by, former=former)
    return person


# ------------------------------------------- names typed into the free text of related rows

REDACTED = "[erased]"
# Shorter words ("Li", "Al") would take bits of other words; the full name still matches.
MIN_WORD = 3


def _former_needles(former: dict) -> set[str]:
    values = {v for v in former.values() if v}
    return values | {w for v in values for w in re.split(r"[\s,]+", v) if len(w) >= MIN_WORD}


def former_name_pattern(former: dict) -> "re.Pattern | None":
    """A pattern matching the former e-mail address, each full name and each of their words
    (any case, not inside a longer word)."""
    needles = sorted(_former_needles(former), key=len, reverse=True)
    if not needles:
        return None
    alternatives = "|".join(re.escape(n) for n in needles)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact_columns(model: type[models.Model], fields: list[str], former: dict) -> int:
    """Replace the former names and e-mail address wherever they appear in these columns of
    every row (texts about several people, e.g. a digest to coordinators, that no foreign key
    ties to the person). Erasures are rare, so a scan of the columns is affordable."""
    pattern = former_name_pattern(former)
    if pattern is None:
        return 0
    found = Q()
    for field in fields:
        for needle in _former_needles(former):
            found |= Q(**{f"{field}__icontains": needle})
    changed = 0
    for row in model._default_manager.filter(found).values("pk", *fields):
        changes = {f: pattern.sub(REDACTED, row[f]) for f in fields if row[f] and pattern.search(row[f])}
        if changes:
            changed += model._default_manager.filter(pk=row["pk"]).update(**changes)
    return changed


def _free_text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.attname for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices and not f.unique and not f.is_relation
    ]


def _redact_rows(model: type[models.Model], queryset: models.QuerySet, pattern) -> None:
    """Replace the name in the free-text columns of these rows and of their history rows
    (update(): an erasure adds no history row of its own to every related record)."""
    ids = list(queryset.values_list("pk", flat=True))
    targets = [(model._default_manager, model._meta.pk.attname)]
    manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
    if manager_name:
        history = getattr(model, manager_name).model
        targets.append((history._default_manager, model._meta.pk.attname))
    for manager, key in targets:
        fields = _free_text_fields(manager.model)
        if not fields or not ids:
            continue
        pk = manager.model._meta.pk.attname
        for row in manager.filter(**{f"{key}__in": ids}).values(pk, *fields):
            changes = {f: pattern.sub(REDACTED, row[f]) for f in fields if row[f] and pattern.search(row[f])}
            if changes:
                manager.filter(**{pk: row[pk]}).update(**changes)


def redact_related_text(person: Person, former: dict) -> None:
    """The person's name typed by staff into the rows about them (an attendance remark, a
    withdrawal or revocation reason, an evaluation) is replaced by "[erased]", in the rows
    linked to the person and one level below, and in their history."""
    pattern = former_name_pattern(former)
    if pattern is None:
        return
    for rel in _reverse_relations(Person):
        model = rel.related_model
        rows = model._default_manager.filter(**{rel.field.name: person})
        _redact_rows(model, rows, pattern)
        for child_rel in _reverse_relations(model):
            if child_rel.related_model is Person:
                continue
            child = child_rel.related_model
            below = child._default_manager.filter(**{f"{child_rel.field.name}__in": rows})
            _redact_rows(child, below, pattern)


def _close_user_account(user) -> None:
    """A sign-in account is personal data too: it is closed and stripped of names, and the
    sign-in records kept under its username (often the e-mail address) go with it."""
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.username).delete()
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    years = settings.STCE_RETENTION_YEARS
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def people_past_retention(now: datetime.datetime | None = None) -> models.QuerySet:
    """People not erased whose last activity (record change, event attended or taught) is
    older than STCE_RETENTION_YEARS."""
    cutoff = retention_cutoff(now)
    cutoff_date = cutoff.date()
    return (
        Person.objects.filter(erased_at__isnull=True, updated_at__lt=cutoff)
        .annotate(
            last_enrolment=Max("enrolments__event__end_date"),
            last_assignment=Max("assignments__event__end_date"),
        )
        .filter(Q(last_enrolment__isnull=True) | Q(last_enrolment__lt=cutoff_date))
        .filter(Q(last_assignment__isnull=True) | Q(last_assignment__lt=cutoff_date))
        .order_by("updated_at", "pk")
    )

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

from django.conf import settings
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
# `former` (a dict of the names and e-mail address the person had, for copies that can only be found
# by their text). Apps that keep copies of a person's name (e.g. a certificate's text
# snapshot) connect to it and scrub them; an exception in a receiver rolls the erasure back.
person_erased = Signal()
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
    person_erased.send(sender=Person, person=person, erased_by=erased_by, former=former)
    return person


def _close_user_account(user) -> None:
    """A sign-in account is personal data too: it is closed and stripped of names."""
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

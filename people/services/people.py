"""Adding people to the directory and correcting their records."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from people.errors import DomainError
from people.models import Person
from people.services.fields import save_fields


def _email_taken(email: str | None, *, other_than: int | None) -> DomainError | None:
    clash = Person.objects.filter(email__iexact=(email or "").strip()) if (email or "").strip() else None
    if clash is None:
        return None
    if other_than is not None:
        clash = clash.exclude(pk=other_than)
    holder = clash.first()
    if holder is None:
        return None
    return DomainError(
        _("Another person already has this e-mail address: %(name)s.") % {"name": holder.full_name},
        field="email", code="duplicate_email",
    )


def _save(person: Person, values: Mapping[str, Any], by) -> Person:
    try:
        # A savepoint, so that the transaction stays usable to look up who has the address.
        with transaction.atomic():
            return save_fields(person, values, by=by)
    except IntegrityError as exc:
        # The database compares addresses whatever their case. The form checks first, so this
        # is usually another request that took the address a moment ago.
        refusal = _email_taken(values.get("email"), other_than=person.pk)
        if refusal is None:
            raise
        raise refusal from exc


@transaction.atomic
def create_person(*, values: Mapping[str, Any], by=None) -> Person:
    """Add a person with the given field values (a PersonForm's cleaned data).

    Refuses an e-mail address another person already has, whatever its case.
    """
    return _save(Person(), values, by)


@transaction.atomic
def update_person(*, person: Person, values: Mapping[str, Any], by=None) -> Person:
    """Correct a person's record with the given field values (a PersonForm's cleaned data).

    Refuses an e-mail address another person already has, whatever its case, and an erased
    person, whose record stays anonymous.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise DomainError(_("This person's data was erased; the record cannot be edited."))
    return _save(person, values, by)

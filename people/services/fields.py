"""Writing a form's cleaned values onto a model, for services that take them."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from people.errors import DomainError


def save_fields(instance: models.Model, values: Mapping[str, Any], *, by=None) -> models.Model:
    """Set `values` on `instance`, run the model's own clean() (its normalisation, e.g. names
    in NFC), save it, then set its many-to-many values: what a ModelForm does, so that views
    hand cleaned data to a service instead of saving. A ValidationError from clean() becomes
    a DomainError.

    `by` is recorded as the history user when given; inside a request simple_history's
    middleware already records the signed-in user.
    """
    many = {}
    for name, value in values.items():
        field = instance._meta.get_field(name)  # a misspelt name fails loudly
        if field.many_to_many:
            many[name] = value
        elif field.concrete:
            setattr(instance, name, value)
        else:
            raise ValueError(f"{instance._meta.label}.{name} is not a field that can be set")
    try:
        instance.clean()
    except ValidationError as exc:
        fields = list(getattr(exc, "error_dict", {}))
        raise DomainError(" ".join(exc.messages), field=fields[0] if len(fields) == 1 else None) from exc
    if by is not None:
        instance._history_user = by
    instance.save()
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance

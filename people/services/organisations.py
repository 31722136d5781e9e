"""Organisations (customs administrations and others) created outside the back office."""

from django.utils.translation import gettext as _

from people.errors import DomainError
from people.models import Country, Organisation
from people.services.fields import save_fields


def find_or_create_organisation(*, name: str, country: Country | None, by=None) -> Organisation:
    """The organisation of that name in that country, created when there is none; a file that
    names it again later finds this one instead of a twin."""
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("The organisation needs a name."), field="name")
    if len(name) > Organisation._meta.get_field("name").max_length:
        raise DomainError(_("This name is too long for an organisation."), field="name")
    existing = Organisation.objects.filter(name__iexact=name, country=country).first()
    if existing is not None:
        return existing
    return save_fields(Organisation(), {"name": name, "country": country}, by=by)

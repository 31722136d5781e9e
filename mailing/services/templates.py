"""Coordinators' wording of the messages, per kind and language."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from mailing.kinds import MessageKind
from mailing.models import MessageTemplate
from mailing.rendering import unknown_placeholders
from people.errors import DomainError

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _check(kind: MessageKind, language: str, subject: str, body: str) -> None:
    if language not in LANGUAGES:
        raise DomainError(_("Unknown language."))
    if not subject.strip():
        raise DomainError(_("The subject cannot be empty."), field="subject")
    if not body.strip():
        raise DomainError(_("The text cannot be empty."), field="body")
    for field, text in (("subject", subject), ("body", body)):
        unknown = unknown_placeholders(kind, text)
        if unknown:
            raise DomainError(
                _("Unknown placeholder: %(names)s. Those available are listed beside the form.")
                % {"names": ", ".join("{{ " + name + " }}" for name in unknown)},
                field=field,
            )


@transaction.atomic
def save_template(*, kind: MessageKind, language: str, subject: str, body: str, by) -> MessageTemplate:
    """Keep this wording for `kind` in `language`; messages queued from now on use it."""
    subject, body = " ".join(subject.split()), body.replace("\r\n", "\n")
    _check(kind, language, subject, body)
    template, _created = MessageTemplate.objects.update_or_create(
        kind=kind.key, language=language, defaults={"subject": subject, "body": body, "updated_by": by}
    )
    return template


@transaction.atomic
def reset_template(*, kind: MessageKind, language: str) -> None:
    """Go back to the built-in wording of `kind` in `language`."""
    MessageTemplate.objects.filter(kind=kind.key, language=language).delete()

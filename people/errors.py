from django.apps import apps
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class DomainError(Exception):
    """A business rule refused an operation. Views show `message` as a form error.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self):
        return str(self.message)


def protecting_records(error: ProtectedError | RestrictedError, *, shown: int = 3) -> str:
    """Name the records that keep something from being deleted, for a refusal message:
    'evidence “Co-delivery – Port workshop” (Accreditation)'.

    Generic on purpose: a lower app (courses) can say what a higher one (accreditation) keeps
    without importing it, from the error the delete raised.
    """
    found = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
    records = sorted(found, key=lambda obj: (obj._meta.label, str(obj)))
    named = [
        _("%(kind)s “%(record)s” (%(area)s)")
        % {
            "kind": obj._meta.verbose_name,
            "record": obj,
            "area": apps.get_app_config(obj._meta.app_label).verbose_name,
        }
        for obj in records[:shown]
    ]
    rest = len(records) - len(named)
    if rest > 0:
        named.append(
            ngettext("%(n)s other record", "%(n)s other records", rest) % {"n": rest}
        )
    return "; ".join(named)

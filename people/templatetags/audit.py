from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def audit_reason(reason: str | None) -> str:
    """An audit entry's reason in the reader's language: the step ("Accepted", "Withdrawn: …")
    is recorded in English, the words a person typed after its colon stay as typed."""
    if not reason:
        return ""
    step, colon, typed = reason.partition(": ")
    return f"{gettext(step)}{colon}{typed}"

"""What may be done to an event in its present status, and why not.

Each function returns "" when the action is allowed, otherwise the reason it is refused, in
the active language. The services raise a DomainError with that reason (`refuse`), and the
event page shows the same reason beside an action it does not offer: one copy of each rule.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import TrainingEvent
from people.errors import DomainError

S = TrainingEvent.Status


def _status(event: TrainingEvent) -> str:
    return event.get_status_display().lower()


def planning_refusal(event: TrainingEvent) -> str:
    """Its details, dates, agenda, trainers and participants: fixed once it is completed."""
    if event.status == S.COMPLETED:
        return _("A completed event is read-only; reopen it, with a reason, to change it.")
    return ""


def enrolment_refusal(event: TrainingEvent) -> str:
    """Enrolling participants, one by one or from a file."""
    if event.status == S.CANCELLED:
        return _("Participants cannot be enrolled on a cancelled event.")
    return planning_refusal(event)


def mailing_refusal(event: TrainingEvent) -> str:
    """Sending the joining instructions (and the news of new dates)."""
    if event.status in (S.CANCELLED, S.DRAFT):
        return _("Messages are not sent for a %(status)s event.") % {"status": _status(event)}
    return planning_refusal(event)


def status_change_refusal(event: TrainingEvent, status: str, today: datetime.date | None = None) -> str:
    """Moving the event along its lifecycle (models.ALLOWED_TRANSITIONS) to `status`."""
    if status == S.POSTPONED:
        if event.status == S.POSTPONED:
            return _("The event is already postponed; change its dates again to move it.")
        return date_change_refusal(event, postpone=True) or _(
            "Postpone an event by giving its new dates and a reason."
        )
    if event.status == S.COMPLETED:
        return planning_refusal(event)
    if not event.can_become(status):
        return _("A %(current)s event cannot become %(new)s.") % {
            "current": _status(event),
            "new": S(status).label.lower(),
        }
    today = today or timezone.localdate()
    if status == S.COMPLETED and event.end_date > today:
        return _("An event cannot be completed before its last day.")
    return ""


def date_change_refusal(event: TrainingEvent, *, postpone: bool) -> str:
    """Giving the event new dates; with `postpone`, its status becomes postponed too."""
    if event.status in (S.COMPLETED, S.CANCELLED):
        return _("The dates of a %(status)s event cannot change.") % {"status": _status(event)}
    if postpone and not event.can_become(S.POSTPONED) and event.status != S.POSTPONED:
        return _("A %(status)s event cannot be postponed.") % {"status": _status(event)}
    return ""


def reopening_refusal(event: TrainingEvent) -> str:
    """Taking a completed event back to confirmed (with a reason) to correct it."""
    if event.status != S.COMPLETED:
        return _("Only a completed event is reopened; this one is %(status)s.") % {"status": _status(event)}
    return ""


def refuse(reason: str, *, field: str | None = None, code: str = "refused") -> None:
    """Raise the refusal a rule above returned; nothing when it returned ""."""
    if reason:
        raise DomainError(reason, field=field, code=code)

"""The expert keeps their own periods of unavailability (no coordinator approves them: they
say when the expert cannot deliver, not what the accreditation depends on)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accreditation.models import Expert, UnavailabilityPeriod
from people.errors import DomainError


class PeriodEndsBeforeStart(DomainError):
    def __init__(self):
        super().__init__(_("The period must end on or after the day it starts."), code="period_order")


@transaction.atomic
def declare_unavailability(
    *, expert: Expert, start_date: datetime.date, end_date: datetime.date, note: str = "", by
) -> UnavailabilityPeriod:
    """Record a period when the expert cannot deliver; audited with who declared it."""
    if end_date < start_date:
        raise PeriodEndsBeforeStart
    period = UnavailabilityPeriod(expert=expert, start_date=start_date, end_date=end_date, note=note.strip())
    period._history_user = by
    period._change_reason = "declared by the expert"
    period.save()
    return period


@transaction.atomic
def withdraw_unavailability(*, period: UnavailabilityPeriod, by) -> None:
    """Remove a declared period (the history keeps that it existed, and who removed it)."""
    period._history_user = by
    period._change_reason = "withdrawn by the expert"
    period.delete()

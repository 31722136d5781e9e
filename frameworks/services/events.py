"""Tagging an event with what it serves and who funds it. Like the Information Note's
sections, these stay editable after the event: reports to partners and donors are written then."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import TrainingEvent
from frameworks.models import EventFramework, FundingSource, OperativeParagraph, ProgrammeArea
from people.errors import DomainError
from people.models import Organisation


@transaction.atomic
def set_event_framework(
    *, event: TrainingEvent, programme_area: str, paragraphs: Iterable[OperativeParagraph], by=None
) -> EventFramework:
    """Set the programme area ("" for none) and the operative paragraphs an event serves,
    replacing the previous ones; both changes are kept in the event framework's history."""
    if programme_area and programme_area not in ProgrammeArea.values:
        raise DomainError(_("Choose one of the programme's six areas."), field="programme_area")
    framework = EventFramework.objects.select_for_update().filter(event=event).first() or EventFramework(
        event=event
    )
    if by is not None:
        framework._history_user = by
    framework.programme_area = programme_area
    framework.save()
    framework.paragraphs.set(list(paragraphs))
    return framework


@transaction.atomic
def add_funding_source(
    *, event: TrainingEvent, donor: Organisation, grant: str = "", amount: Decimal | None = None,
    currency: str = "", by=None,
) -> FundingSource:
    """Record that `donor` funds the event, under a grant or project, with an optional amount
    (which then needs its currency)."""
    currency = currency.strip().upper()
    if amount is not None and amount < 0:
        raise DomainError(_("An amount cannot be negative."), field="amount")
    if amount is not None and len(currency) != 3:
        raise DomainError(
            _("Give the amount's currency as a three-letter code (EUR, USD…)."), field="currency"
        )
    source = FundingSource(event=event, donor=donor, grant=grant.strip(), amount=amount,
                           currency=currency if amount is not None else "")
    if by is not None:
        source._history_user = by
    source.save()
    return source


@transaction.atomic
def remove_funding_source(*, source: FundingSource, by=None) -> None:
    """Remove a funding source recorded by mistake (its history keeps it)."""
    if by is not None:
        source._history_user = by
    source.delete()

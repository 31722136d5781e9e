"""One event's participants and trainers by gender, shown on the event page."""

from dataclasses import dataclass

from django.db.models import Count

from courses.models import Enrolment, TrainerAssignment
from people.models import Gender


@dataclass
class EventGenderRow:
    gender: str
    label: str
    participants: int
    trainers: int


@dataclass
class EventGenderTable:
    rows: list[EventGenderRow]

    @property
    def participants(self) -> int:
        return sum(r.participants for r in self.rows)

    @property
    def trainers(self) -> int:
        return sum(r.trainers for r in self.rows)


def event_gender_table(event) -> EventGenderTable:
    """Participants (enrolled, not withdrawn) and trainers of one event by gender; 2 queries.

    Every gender has a row, zero or not, so "not recorded" is never silently missing.
    """
    participants = dict(
        Enrolment.objects.active()
        .filter(event=event)
        .order_by()
        .values_list("person__gender")
        .annotate(n=Count("id"))
    )
    trainers = dict(
        TrainerAssignment.objects.filter(event=event)
        .order_by()
        .values_list("person__gender")
        .annotate(n=Count("id"))
    )
    return EventGenderTable(
        [
            EventGenderRow(g.value, str(g.label), participants.get(g.value, 0), trainers.get(g.value, 0))
            for g in Gender
        ]
    )

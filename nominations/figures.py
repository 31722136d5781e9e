"""The figures of an event's nominations, by country: how many women were nominated and
accepted, seats used, no-shows. Computed from rows the page has already fetched (no queries)."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from courses.models import Attendance, AttendanceStatus
from people.models import Gender

from .models import Nomination

S = Nomination.Status


def with_no_show(nominations):
    """Annotate `no_show`: accepted, attendance recorded, and never present or late."""
    recorded = Attendance.objects.filter(enrolment=OuterRef("enrolment_id"))
    attended = recorded.filter(status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE])
    return nominations.annotate(
        attendance_recorded=Exists(recorded), attended=Exists(attended),
    )


def is_no_show(nomination) -> bool:
    return nomination.status == S.ACCEPTED and nomination.attendance_recorded and not nomination.attended


@dataclass
class Figures:
    seats: int = 0
    nominated: int = 0
    women_nominated: int = 0
    accepted: int = 0
    women_accepted: int = 0
    waitlisted: int = 0
    no_shows: int = 0
    by_gender: dict[str, int] = field(default_factory=dict)

    def add(self, nomination) -> None:
        woman = nomination.gender == Gender.FEMALE
        self.nominated += 1
        self.women_nominated += woman
        self.by_gender[nomination.gender] = self.by_gender.get(nomination.gender, 0) + 1
        if nomination.status == S.ACCEPTED:
            self.accepted += 1
            self.women_accepted += woman
        self.waitlisted += nomination.status == S.WAITLISTED
        self.no_shows += is_no_show(nomination)


def figures(invitations) -> tuple[dict[int, Figures], Figures]:
    """Per invitation (by id) and in total; each invitation carries `listed` nominations."""
    per, total = {}, Figures()
    for invitation in invitations:
        row = per[invitation.pk] = Figures(seats=invitation.seats)
        total.seats += invitation.seats
        for nomination in invitation.listed:
            row.add(nomination)
            total.add(nomination)
    return per, total


__all__ = ["Figures", "figures", "is_no_show", "with_no_show"]

"""The figures of an event's nominations, by country: how many women were nominated and
accepted, seats used, no-shows. Computed from rows the page has already fetched (no queries).

`programme_nominations` counts the same over many events for the dashboards (reporting),
in SQL."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum

from courses.models import Attendance, AttendanceStatus, TrainingEvent
from people.models import Gender

from .models import Invitation, Nomination

S = Nomination.Status


def with_no_show(nominations):
    """Annotate `no_show`: accepted, attendance recorded, and never present or late."""
    recorded = Attendance.objects.filter(enrolment=OuterRef("enrolment_id"))
    attended = recorded.filter(status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE])
    return nominations.annotate(
        attendance_recorded=Exists(recorded),
        attended=Exists(attended),
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


@dataclass
class Tally:
    nominated: int = 0
    accepted: int = 0
    waitlisted: int = 0
    no_shows: int = 0


@dataclass
class ProgrammeNominations:
    # invited country's code → seats offered to it, over all the events counted
    seats: dict[str, int]
    # invited country's code → nominee's gender → tally
    by_country: dict[str, dict[str, Tally]]

    def by_gender(self) -> dict[str, Tally]:
        totals: dict[str, Tally] = defaultdict(Tally)
        for genders in self.by_country.values():
            for gender, tally in genders.items():
                total = totals[gender]
                total.nominated += tally.nominated
                total.accepted += tally.accepted
                total.waitlisted += tally.waitlisted
                total.no_shows += tally.no_shows
        return dict(totals)


def programme_nominations(events) -> ProgrammeNominations:
    """Nominations to `events` (a queryset of trainings the caller has filtered) by invited
    country and nominee's gender, in two queries whatever the number of events or nominees.

    Nominated counts every nomination made, whatever became of it. A no-show is the event
    page's (accepted, attendance recorded for them, never present or late), counted only for
    trainings that have been delivered: one still running has days to come."""
    seats = (
        Invitation.objects.filter(event__in=events)
        .order_by()
        .values("country_id")
        .annotate(n=Sum("seats"))
        .values_list("country_id", "n")
    )
    delivered = TrainingEvent.objects.delivered().filter(pk=OuterRef("invitation__event_id"))
    no_show = Q(status=S.ACCEPTED, attendance_recorded=True, attended=False, delivered=True)
    rows = (
        with_no_show(Nomination.objects.filter(invitation__event__in=events))
        .annotate(delivered=Exists(delivered))
        .order_by()
        .values("invitation__country_id", "gender")
        .annotate(
            n=Count("id"),
            accepted=Count("id", filter=Q(status=S.ACCEPTED)),
            waitlisted=Count("id", filter=Q(status=S.WAITLISTED)),
            no_shows=Count("id", filter=no_show),
        )
    )
    by_country: dict[str, dict[str, Tally]] = defaultdict(dict)
    for row in rows:
        by_country[row["invitation__country_id"]][row["gender"]] = Tally(
            row["n"], row["accepted"], row["waitlisted"], row["no_shows"]
        )
    return ProgrammeNominations(dict(seats), dict(by_country))


__all__ = [
    "Figures",
    "ProgrammeNominations",
    "Tally",
    "figures",
    "is_no_show",
    "programme_nominations",
    "with_no_show",
]

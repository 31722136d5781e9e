"""Completion of a training, derived from attendance by the event's rule.

The rule: a participant completes when the share of counted days they attended reaches
the event's threshold (default 80%). Late counts as attended. Excused days count as
attended, as absent, or are left out of the count, as the coordinator chooses. Days before
a late joiner's `joined_on` are left out. A day with no record counts as absent. Withdrawn
participants do not complete.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent

ATTENDED = {AttendanceStatus.PRESENT, AttendanceStatus.LATE}
PAGE_OF_ENROLMENTS = 500  # up to this many, their records are fetched by id


@dataclass(frozen=True)
class Completion:
    enrolment_id: int
    counted_days: int
    attended_days: int
    percentage: Decimal | None  # None when no day counts
    completed: bool
    reason: str = ""


def _evaluate(event: TrainingEvent, enrolment: Enrolment, day_dates, statuses: dict) -> Completion:
    counted = attended = 0
    for day_id, date in day_dates:
        if enrolment.joined_on and date < enrolment.joined_on:
            continue
        status = statuses.get(day_id)
        if status == AttendanceStatus.EXCUSED:
            if event.excused_policy == TrainingEvent.ExcusedPolicy.NOT_COUNTED:
                continue
            counted += 1
            attended += event.excused_policy == TrainingEvent.ExcusedPolicy.ATTENDED
            continue
        counted += 1
        attended += status in ATTENDED
    if counted == 0:
        return Completion(enrolment.pk, 0, 0, None, False, str(_("No day counts towards completion.")))
    percentage = (Decimal(attended * 100) / counted).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return Completion(enrolment.pk, counted, attended, percentage, False, str(_("Withdrawn.")))
    completed = percentage >= event.completion_threshold
    reason = "" if completed else str(
        _("Attended %(pct)s%% of days; %(threshold)s%% needed.")
        % {"pct": percentage, "threshold": event.completion_threshold}
    )
    return Completion(enrolment.pk, counted, attended, percentage, completed, reason)


def completion_for_event(event: TrainingEvent, enrolments=None) -> dict[int, Completion]:
    """Completion of every participant of the event, keyed by enrolment id, in 3 queries."""
    day_dates = list(EventDay.objects.filter(event=event).order_by("date").values_list("pk", "date"))
    rows = Attendance.objects.filter(enrolment__event=event)
    if enrolments is None:
        enrolments = list(Enrolment.objects.filter(event=event))
    elif len(enrolments) <= PAGE_OF_ENROLMENTS:
        # A page of a large event: read only its participants' records.
        rows = rows.filter(enrolment__in=[e.pk for e in enrolments])
    by_enrolment: dict[int, dict[int, str]] = {e.pk: {} for e in enrolments}
    rows = rows.values_list("enrolment_id", "day_id", "status")
    for enrolment_id, day_id, status in rows:
        if enrolment_id in by_enrolment:
            by_enrolment[enrolment_id][day_id] = status
    return {e.pk: _evaluate(event, e, day_dates, by_enrolment[e.pk]) for e in enrolments}


def completion_for_enrolment(enrolment: Enrolment) -> Completion:
    return completion_for_event(enrolment.event, [enrolment])[enrolment.pk]


def completion_for_enrolments(enrolments) -> dict[int, Completion]:
    """Completion of enrolments across many events (a person's training history) in 2 queries.

    Each enrolment must have its `event` loaded (select_related) to read the event's rule.
    """
    enrolments = list(enrolments)
    event_ids = {e.event_id for e in enrolments}
    day_dates: dict[int, list] = {event_id: [] for event_id in event_ids}
    for day_id, event_id, date in (
        EventDay.objects.filter(event_id__in=event_ids).order_by("date").values_list("pk", "event_id", "date")
    ):
        day_dates[event_id].append((day_id, date))
    statuses: dict[int, dict[int, str]] = {e.pk: {} for e in enrolments}
    rows = Attendance.objects.filter(enrolment__in=[e.pk for e in enrolments])
    for enrolment_id, day_id, status in rows.values_list("enrolment_id", "day_id", "status"):
        statuses[enrolment_id][day_id] = status
    return {e.pk: _evaluate(e.event, e, day_dates[e.event_id], statuses[e.pk]) for e in enrolments}


def completed_count(event: TrainingEvent) -> tuple[int, int]:
    """(completed, participants) for the whole event, in 3 queries, without the per-person
    detail: what a page of a 5,000-participant event shows in its heading."""
    enrolments = list(Enrolment.objects.filter(event=event).only("pk", "status", "joined_on"))
    completion = completion_for_event(event, enrolments if len(enrolments) > PAGE_OF_ENROLMENTS else None)
    return sum(c.completed for c in completion.values()), len(completion)

"""Completion of a training, derived from attendance by the event's rule.

The rule: a participant completes when the share of counted days they attended reaches
the event's threshold (default 80%). Late counts as attended. Excused days count as
attended, as absent, or are left out of the count, as the coordinator chooses. Days before
a late joiner's `joined_on` are left out. A day with no record counts as absent. Withdrawn
participants do not complete.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
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
    reason = (
        ""
        if completed
        else str(
            _("Attended %(pct)s%% of days; %(threshold)s%% needed.")
            % {"pct": percentage, "threshold": event.completion_threshold}
        )
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


def completed_enrolments(event: TrainingEvent):
    """The enrolments of the event that completed, as a queryset (see `completed_among`)."""
    return completed_among(Enrolment.objects.filter(event=event))


def completed_among(enrolments):
    """Those of `enrolments` (of any events) that completed, as a queryset: the rule above in
    SQL, so that counting the completed of a 5,000-participant event, or of the programme, is
    one query, not every attendance record read. The percentage is rounded half up to one
    decimal before it is compared, as `_evaluate` does:
    round(1000·a/c)/10 ≥ T ⇔ 2000·a ≥ (20·T − 1)·c ⇔ a ≥ ⌈(20·T − 1)·c / 2000⌉."""
    counts_day = Q(joined_on__isnull=True) | Q(attendance__day__date__gte=F("joined_on"))
    days = EventDay.objects.filter(event=OuterRef("event_id")).order_by().values("event")
    # Days from the participant's joining: all of the event's when they joined at the start.
    from_join = Case(
        When(joined_on__isnull=True, then=Subquery(days.annotate(n=Count("pk")).values("n")[:1])),
        default=Subquery(
            days.filter(date__gte=OuterRef("joined_on")).annotate(n=Count("pk")).values("n")[:1]
        ),
        output_field=IntegerField(),
    )
    excused = Count("attendance", filter=counts_day & Q(attendance__status=AttendanceStatus.EXCUSED))
    attended = Count("attendance", filter=counts_day & Q(attendance__status__in=list(ATTENDED)))
    counted_days, attended_days = counted_and_attended(Coalesce(from_join, Value(0)), excused, attended)
    return (
        enrolments.exclude(status=Enrolment.Status.WITHDRAWN)
        .annotate(counted_days=counted_days, attended_days=attended_days)
        .filter(rule_met())
    )


def counted_and_attended(days, excused, attended):
    """SQL: (counted days, attended days) of an enrolment, given its `days` from joining, its
    `excused` days and its `attended` days (present or late), once excused days are counted
    as its event's policy says (on a queryset of enrolments)."""
    policy = TrainingEvent.ExcusedPolicy
    not_counted = Case(When(event__excused_policy=policy.NOT_COUNTED, then=excused), default=Value(0))
    counted_as_attended = Case(When(event__excused_policy=policy.ATTENDED, then=excused), default=Value(0))
    return (
        ExpressionWrapper(days - not_counted, output_field=IntegerField()),
        ExpressionWrapper(attended + counted_as_attended, output_field=IntegerField()),
    )


def rule_met() -> Q:
    """SQL: the completion rule, on enrolments annotated with `counted_days` and
    `attended_days` (see `completed_among` for the rounding)."""
    needed = ((F("event__completion_threshold") * 20 - 1) * F("counted_days") + 1999) / 2000
    return Q(counted_days__gt=0, attended_days__gte=ExpressionWrapper(needed, output_field=IntegerField()))


def completed_count(event: TrainingEvent) -> tuple[int, int]:
    """(completed, participants) for the whole event in a constant number of queries, without
    the per-person detail: what a page of a 5,000-participant event shows in its heading."""
    return completed_enrolments(event).count(), Enrolment.objects.filter(event=event).count()

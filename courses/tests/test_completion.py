import datetime
import random
from decimal import Decimal

import pytest

from courses.completion import completed_enrolments, completion_for_enrolment, completion_for_event
from courses.models import Attendance, AttendanceStatus, Enrolment, TrainingEvent
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory

P, L, E, A = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED,
              AttendanceStatus.ABSENT)


def record(enrolment, statuses):
    for day, status in zip(enrolment.event.days.order_by("date"), statuses, strict=False):
        if status:
            Attendance.objects.create(enrolment=enrolment, day=day, status=status)


@pytest.fixture
def event(db):
    return TrainingEventFactory(with_days=True)  # 5 days, threshold 80%


@pytest.mark.parametrize("statuses,pct,completed", [
    ([P, P, P, P, P], "100.0", True),
    ([P, L, P, P, A], "80.0", True),
    ([P, P, P, A, A], "60.0", False),
    ([P, P, P, P, None], "80.0", True),   # a day with no record counts as absent
    ([P, P, P, None, None], "60.0", False),
])
def test_share_of_days_attended_decides_completion(event, statuses, pct, completed):
    enrolment = EnrolmentFactory(event=event)
    record(enrolment, statuses)
    result = completion_for_enrolment(enrolment)
    assert result.percentage == Decimal(pct)
    assert result.completed is completed


@pytest.mark.parametrize("policy,pct,completed", [
    (TrainingEvent.ExcusedPolicy.NOT_COUNTED, "75.0", False),  # 3 of 4 counted days
    (TrainingEvent.ExcusedPolicy.ATTENDED, "80.0", True),
    (TrainingEvent.ExcusedPolicy.ABSENT, "60.0", False),
])
def test_excused_days_count_as_the_coordinator_chooses(event, policy, pct, completed):
    event.excused_policy = policy
    event.save()
    enrolment = EnrolmentFactory(event=event)
    record(enrolment, [P, P, P, E, A])
    result = completion_for_enrolment(enrolment)
    assert (result.percentage, result.completed) == (Decimal(pct), completed)


def test_an_event_without_days_completes_nobody(db):
    enrolment = EnrolmentFactory(event=TrainingEventFactory())
    result = completion_for_enrolment(enrolment)
    assert result.percentage is None and not result.completed and result.reason


def test_all_excused_with_excused_left_out_completes_nobody(event):
    enrolment = EnrolmentFactory(event=event)
    record(enrolment, [E, E, E, E, E])
    result = completion_for_enrolment(enrolment)
    assert result.counted_days == 0 and not result.completed


def test_late_joiner_is_judged_on_the_days_after_joining(event):
    enrolment = EnrolmentFactory(event=event, joined_on=event.start_date + datetime.timedelta(days=2))
    record(enrolment, [None, None, P, P, P])
    result = completion_for_enrolment(enrolment)
    assert (result.counted_days, result.attended_days, result.completed) == (3, 3, True)


def test_withdrawn_participant_does_not_complete(event):
    enrolment = EnrolmentFactory(event=event, status=Enrolment.Status.WITHDRAWN)
    record(enrolment, [P, P, P, P, P])
    assert not completion_for_enrolment(enrolment).completed


def test_threshold_is_set_per_event(event):
    event.completion_threshold = 60
    event.save()
    enrolment = EnrolmentFactory(event=event)
    record(enrolment, [P, P, P, A, A])
    assert completion_for_enrolment(enrolment).completed


def test_event_completion_runs_three_queries_whatever_the_size(event, django_assert_num_queries):
    for _ in range(30):
        record(EnrolmentFactory(event=event), [P, P, P, P, A])
    with django_assert_num_queries(3):
        results = completion_for_event(event)
    assert len(results) == 30 and all(r.completed for r in results.values())


def test_training_history_computes_completion_across_events_in_a_fixed_number_of_queries(
    db, django_assert_num_queries
):
    from courses.completion import completion_for_enrolments
    from people.tests.factories import PersonFactory

    person = PersonFactory()
    enrolments = []
    for threshold, statuses in ((80, [P, P, P, P, A]), (100, [P, P, P, P, A]), (50, [E, E, E, E, E])):
        event = TrainingEventFactory(with_days=True, completion_threshold=threshold)
        enrolment = EnrolmentFactory(event=event, person=person)
        record(enrolment, statuses)
        enrolments.append(enrolment)
    enrolments = list(Enrolment.objects.filter(person=person).select_related("event").order_by("pk"))
    with django_assert_num_queries(2):
        results = completion_for_enrolments(enrolments)
    assert [results[e.pk].completed for e in enrolments] == [True, False, False]
    assert results[enrolments[2].pk].percentage is None  # all excused, excused left out


@pytest.mark.parametrize("seed", range(6))
def test_completion_counted_in_the_database_agrees_with_the_rule_person_by_person(db, seed):
    """The SQL count (for large events' headings) and the per-person rule never disagree:
    random attendance, late joiners, withdrawals, every excused policy and odd thresholds."""
    rng = random.Random(seed)
    policy = list(TrainingEvent.ExcusedPolicy)[seed % 3]
    event = TrainingEventFactory(
        with_days=True, completion_threshold=rng.choice([50, 67, 75, 80, 83, 100]), excused_policy=policy
    )
    days = list(event.days.order_by("date"))
    for _ in range(40):
        enrolment = EnrolmentFactory(
            event=event,
            status=rng.choice([Enrolment.Status.ENROLLED] * 5 + [Enrolment.Status.WITHDRAWN]),
            joined_on=rng.choice([None, None, None, days[rng.randrange(len(days))].date]),
        )
        for day in days:
            status = rng.choice([None, *AttendanceStatus.values])
            if status:
                Attendance.objects.create(enrolment=enrolment, day=day, status=status)
    by_rule = {pk for pk, c in completion_for_event(event).items() if c.completed}
    assert set(completed_enrolments(event).values_list("pk", flat=True)) == by_rule
    assert 0 < len(by_rule) < 40

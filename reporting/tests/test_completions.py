"""Who completed, counted over each training's packed list: equal to the event page's rule
after every kind of write, never read from a list out of step with its records."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count

from courses.completion import completion_for_event
from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from reporting.completions import completed_enrolments
from reporting.figures import Filters, completed_people, delivered_events
from reporting.models import CompletionVersion, PackedCompleters
from reporting.recount import rebuild_figures
from reporting.tests.programme_data import build_programme, change_programme
from reporting.tests.test_dashboard_figures import FILTERS

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


def _by_the_event_page(*events) -> int:
    people = set()
    for event in events:
        event.refresh_from_db()
        completions = completion_for_event(event)
        people |= {e.person_id for e in Enrolment.objects.filter(event=event) if completions[e.pk].completed}
    return len(people)


def _record(enrolment, days, statuses):
    for day, status in zip(days, statuses, strict=False):
        Attendance.objects.create(enrolment=enrolment, day=day, status=status)


@pytest.mark.django_db
def test_every_write_that_changes_who_completed_changes_the_figure():
    event = TrainingEventFactory(start_date=datetime.date(2022, 3, 7), with_days=True)
    other = TrainingEventFactory(start_date=datetime.date(2022, 5, 2), with_days=True)
    days = list(event.days.order_by("date"))
    ana, ben, eva = (EnrolmentFactory(event=event) for _ in range(3))
    seen = []

    def check():
        figure = completed_people(Filters())
        assert figure == _by_the_event_page(event, other)
        seen.append(figure)

    check()
    _record(ana, days, [P] * 5)
    check()
    Attendance.objects.bulk_create([Attendance(enrolment=ben, day=day, status=L) for day in days])
    check()
    Attendance.objects.filter(enrolment=ben, day__in=days[:2]).update(status=A)  # 60%
    check()
    TrainingEvent.objects.filter(pk=event.pk).update(completion_threshold=60)
    check()
    _record(eva, days, [E, E, P, P, P])
    check()
    TrainingEvent.objects.filter(pk=event.pk).update(excused_policy=TrainingEvent.ExcusedPolicy.ATTENDED)
    check()
    Enrolment.objects.filter(pk=ana.pk).update(status=Enrolment.Status.WITHDRAWN)
    check()
    Enrolment.objects.filter(pk=ana.pk).update(status=Enrolment.Status.ENROLLED, joined_on=days[3].date)
    check()
    EventDay.objects.filter(pk=days[4].pk).update(date=days[0].date - datetime.timedelta(days=1))
    check()
    EventDay.objects.filter(pk=days[0].pk).delete()  # and its records with it
    check()
    EventDay.objects.create(event=event, date=days[4].date + datetime.timedelta(days=7))
    check()
    Enrolment.objects.filter(pk=eva.pk).update(event=other)  # the same person elsewhere
    check()
    Attendance.objects.filter(enrolment=ben).delete()
    check()
    ben.delete()
    check()
    assert len(set(seen)) >= 3, seen  # the writes above moved the figure, and it followed


@pytest.mark.django_db
def test_packed_lists_count_what_the_database_counts_for_every_filter():
    change_programme(build_programme(9))
    for filters in FILTERS:
        by_the_database = completed_enrolments(
            Enrolment.objects.filter(event__in=delivered_events(filters).values("id"), status="enrolled")
        ).aggregate(n=Count("person_id", distinct=True))["n"]
        assert completed_people(filters) == by_the_database, filters


@pytest.mark.django_db
def test_after_a_recount_every_list_is_current_and_one_query_counts(django_assert_num_queries):
    change_programme(build_programme(4))
    rebuild_figures(connection)
    versions = dict(CompletionVersion.objects.values_list("event_id", "version"))
    assert versions and set(versions.values()) == {1}
    assert dict(PackedCompleters.objects.values_list("event_id", "version")) == versions
    with django_assert_num_queries(1):
        completed_people(Filters(year_from=2020))

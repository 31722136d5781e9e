"""Trained means took part: in a delivered training that recorded attendance, the officials
present (or late) on at least one day; in one that recorded none, its enrolled officials.
The kept figures follow every attendance write (first record, correction, deletion, bulk,
an enrolment moved to another training) and equal both a recount and a count by hand."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from courses.models import Attendance, AttendanceStatus, Enrolment
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from people.models import Gender
from people.tests.factories import PersonFactory
from reporting.figures import Filters, attendance_figures, trainee_figures
from reporting.recount import rebuild_figures
from reporting.tests.programme_data import count_trainees_by_hand

P, A, L = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.LATE


def _trained() -> dict[str, tuple[int, int]]:
    """gender → (people, participations), as the dashboard reads it, checked against a count
    by hand, the programme dashboard's attended and a recount from scratch."""
    figures = _total()
    assert figures == count_trainees_by_hand(Filters())["counts"].get("all", {}).get("", {})
    # The programme dashboard's "attended", counted over the enrolments, is the same people.
    assert attendance_figures(Filters()).attended == sum(people for people, _n in figures.values())
    rebuild_figures(connection)
    assert _total() == figures
    return figures


def _total() -> dict[str, tuple[int, int]]:
    total = trainee_figures(Filters()).total
    return {g: (c.people, c.participations) for g, c in total.items() if c.people}


@pytest.fixture
def world(db):
    """Training A recorded attendance: Ana present, Ben absent, Cy never marked. Training B
    recorded none: Dee and Eli count by their enrolment."""
    a = TrainingEventFactory(start_date=datetime.date(2022, 3, 1), with_days=True)
    b = TrainingEventFactory(start_date=datetime.date(2022, 5, 2), with_days=True)
    people = {
        name: PersonFactory(given_name=name, gender=gender)
        for name, gender in (
            ("Ana", Gender.FEMALE),
            ("Ben", Gender.MALE),
            ("Cy", Gender.FEMALE),
            ("Dee", Gender.FEMALE),
            ("Eli", Gender.MALE),
        )
    }
    enrolments = {
        name: EnrolmentFactory(event=a if name in ("Ana", "Ben", "Cy") else b, person=person)
        for name, person in people.items()
    }
    day = a.days.order_by("date").first()
    Attendance.objects.create(enrolment=enrolments["Ana"], day=day, status=P)
    Attendance.objects.create(enrolment=enrolments["Ben"], day=day, status=A)
    return a, b, enrolments


def test_attendance_where_recorded_and_enrolment_where_not(world):
    assert _trained() == {"female": (2, 2), "male": (1, 1)}  # Ana; Dee and Eli


def test_a_late_mark_on_another_day_makes_an_absentee_trained(world):
    a, _b, enrolments = world
    Attendance.objects.create(enrolment=enrolments["Ben"], day=a.days.order_by("date").last(), status=L)
    assert _trained() == {"female": (2, 2), "male": (2, 2)}


def test_the_first_record_of_a_training_switches_it_to_attendance(world):
    _a, b, enrolments = world
    record = Attendance.objects.create(enrolment=enrolments["Dee"], day=b.days.first(), status=A)
    assert _trained() == {"female": (1, 1)}  # Ana only: Dee absent, Eli never marked
    record.status = P
    record.save()
    assert _trained() == {"female": (2, 2)}
    record.delete()  # the last record gone: B counts its enrolment again
    assert _trained() == {"female": (2, 2), "male": (1, 1)}


def test_bulk_writes_and_corrections_of_the_register(world):
    a, b, enrolments = world
    days = list(b.days.order_by("date"))
    Attendance.objects.bulk_create(
        [Attendance(enrolment=enrolments[name], day=day, status=A) for name in ("Dee", "Eli") for day in days]
    )
    assert _trained() == {"female": (1, 1)}
    Attendance.objects.filter(enrolment=enrolments["Eli"], day=days[0]).update(status=P)
    assert _trained() == {"female": (1, 1), "male": (1, 1)}
    Attendance.objects.filter(enrolment__event=a).delete()  # A back to counting its enrolment
    assert _trained() == {"female": (2, 2), "male": (2, 2)}  # Ana, Cy; Ben, Eli


def test_an_enrolment_moved_to_another_training_takes_its_records_along(world):
    _a, b, enrolments = world
    moved = enrolments["Ana"]
    Enrolment.objects.filter(pk=enrolments["Eli"].pk).delete()
    Enrolment.objects.filter(pk=moved.pk).update(event=b)  # A no longer has a present record
    # A: Ben absent, Cy unmarked → nobody; B now recorded: Ana present, Dee unmarked.
    assert _trained() == {"female": (1, 1)}


def test_withdrawing_and_cancelling_still_count_by_the_same_rule(world):
    a, _b, enrolments = world
    Enrolment.objects.filter(pk=enrolments["Ana"].pk).update(status=Enrolment.Status.WITHDRAWN)
    assert _trained() == {"female": (1, 1), "male": (1, 1)}
    a.status = a.Status.CANCELLED
    a.save()
    assert _trained() == {"female": (1, 1), "male": (1, 1)}  # Dee and Eli


def test_the_gender_dashboard_says_how_trained_is_counted(coordinator_client, world):
    tables = coordinator_client.get(reverse("reporting:dashboard-gender")).context["tables"]
    headline = next(t for t in tables if t.slug == "trainees")
    assert headline.rows[0][1:3] == [2, 1]
    assert "present or late" in headline.note and "recorded none" in headline.note

"""Time to save a 60 × 5 attendance grid and to compute completion for 500 participants.

Figures are the median of several runs, measured on the same throw-away database.
"""

import datetime
import statistics
import time


def _event(title: str, participants: int):
    from courses.models import Enrolment, EventDay, TrainingEvent
    from people.models import Person

    event = TrainingEvent.objects.create(
        title=title, start_date=datetime.date(2021, 10, 18), end_date=datetime.date(2021, 10, 22),
        status=TrainingEvent.Status.CONFIRMED,
    )
    EventDay.objects.bulk_create(
        EventDay(event=event, date=event.start_date + datetime.timedelta(days=i)) for i in range(5)
    )
    people = Person.objects.bulk_create(
        Person(given_name=f"Given{i}", family_name=f"{title}{i}", email=f"{title}.{i}@example.org".lower())
        for i in range(participants)
    )
    Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
    return event


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def run(quick: bool) -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import User

    from courses.completion import completion_for_event
    from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay
    from courses.services.attendance import AttendanceEntry, save_attendance_grid

    user, _ = User.objects.get_or_create(username="bench-trainer")
    repeats = 3 if quick else 7
    statuses = [AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT]

    save_samples = []
    for repeat in range(repeats):
        event = _event(f"Grid{repeat}", 60)
        days = list(EventDay.objects.filter(event=event))
        enrolments = list(Enrolment.objects.filter(event=event))
        entries = [
            AttendanceEntry(enrolment_id=e.pk, day_id=d.pk, status=statuses[(i + j) % 3])
            for i, e in enumerate(enrolments) for j, d in enumerate(days)
        ]
        started = time.perf_counter()
        save_attendance_grid(event=event, entries=entries, by=user)
        save_samples.append(time.perf_counter() - started)

    big = _event("Big", 500)
    days = list(EventDay.objects.filter(event=big))
    Attendance.objects.bulk_create(
        Attendance(enrolment=e, day=d, status=statuses[(e.pk + d.pk) % 3])
        for e in Enrolment.objects.filter(event=big) for d in days
    )
    completion_samples = []
    for _repeat in range(repeats):
        started = time.perf_counter()
        results = completion_for_event(big)
        completion_samples.append(time.perf_counter() - started)
    assert len(results) == 500
    return [
        ("attendance_grid_save_ms", _median_ms(save_samples), "ms"),
        ("completion_500_ms", _median_ms(completion_samples), "ms"),
    ]

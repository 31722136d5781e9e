"""Pages of one event at 5,000 participants against the same pages at 50, measured side by
side in one run: the event page, its participant list, the attendance overview, a day sheet
and the certificates page. Issue 14's target: each at most 300 ms at 5,000 on SQLite, and at
most twice its time at 50 (the pages paginate, so their work does not grow with the event).

Prints `<page>_5000_ms`, `<page>_50_ms` and `<page>_ratio_5000_vs_50`.
"""

import datetime
import statistics
import time

PAGES = {
    "event_page": "courses:event-detail",
    "participants_page": "courses:participant-list",
    "attendance_overview": "courses:attendance-event",
    "attendance_day_sheet": "courses:attendance-day",
    "certificates_page": "certificates:certificate-event",
}


def _event(title: str, participants: int):
    from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent
    from people.models import Person

    event = TrainingEvent.objects.create(
        title=title,
        start_date=datetime.date(2021, 10, 18),
        end_date=datetime.date(2021, 10, 22),
        status=TrainingEvent.Status.CONFIRMED,
    )
    EventDay.objects.bulk_create(
        EventDay(event=event, date=event.start_date + datetime.timedelta(days=i)) for i in range(5)
    )
    people = Person.objects.bulk_create(
        Person(
            given_name=f"Given{i}", family_name=f"{title}{i:05d}", email=f"{title}.{i}@example.org".lower()
        )
        for i in range(participants)
    )
    Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
    days = list(EventDay.objects.filter(event=event))
    Attendance.objects.bulk_create(
        Attendance(enrolment=e, day=d, status=AttendanceStatus.PRESENT)
        for e in Enrolment.objects.filter(event=event)
        for d in days[:4]
    )
    return event, days[0]


def _median_ms(action, times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def run(quick: bool) -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.urls import reverse

    from people import roles

    big_size = 500 if quick else 5000
    user, _ = User.objects.get_or_create(username="bench-big-events")
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = Client()
    client.force_login(user)
    events = {size: _event(f"Size{size}", size) for size in (50, big_size)}
    results = []
    for page, name in PAGES.items():
        times = {}
        for size, (event, day) in events.items():
            kwargs = (
                {"pk": event.pk, "day_pk": day.pk}
                if name == "courses:attendance-day"
                else ({"event_pk": event.pk} if name.startswith("certificates:") else {"pk": event.pk})
            )
            url = reverse(name, kwargs=kwargs)

            def get(url=url):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            get()
            times[size] = _median_ms(get, 3 if quick else 5)
        results += [
            (f"{page}_{big_size}_ms", times[big_size], "ms"),
            (f"{page}_50_ms", times[50], "ms"),
            (f"{page}_ratio_{big_size}_vs_50", times[big_size] / times[50], "x"),
        ]
    return results

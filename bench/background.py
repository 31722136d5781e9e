"""Background work: e-mails queued per second (the coordinator's wait), e-mails sent per second
by a worker to a local SMTP server (aiosmtpd on 127.0.0.1), certificates issued and rendered
per second by the batch task.

Queuing is measured on the page's own service (render, store, enqueue; no mail server).
Sending and the batch run the tasks in this process, as a worker does (no polling interval).
Rates are in wall-clock seconds: sending waits on the SMTP server, which is part of the figure.
"""

import datetime
import time


def _event_with_participants(count: int, *, attended: bool = False):
    from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent
    from people.models import Country, Person

    start = datetime.date.today() + datetime.timedelta(days=90)
    event = TrainingEvent.objects.create(
        title=f"Benchmark training {count}",
        status=TrainingEvent.Status.CONFIRMED,
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
        time_zone="Asia/Shanghai",
        platform="Zoom",
    )
    days = [EventDay.objects.create(event=event, date=start + datetime.timedelta(days=i)) for i in range(3)]
    country = Country.objects.filter(code="CN").first()
    people = Person.objects.bulk_create(
        Person(
            given_name=f"Given{i}",
            family_name=f"Family{i}",
            email=f"bench{count}-{i}@example.org",
            preferred_language=("en", "fr", "es", "ru")[i % 4],
            country=country,
        )
        for i in range(count)
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
    if attended:
        Attendance.objects.bulk_create(
            Attendance(enrolment=e, day=d, status=AttendanceStatus.PRESENT) for e in enrolments for d in days
        )
    return event


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def _emails(count: int) -> list[tuple[str, float, str]]:
    from django.conf import settings
    from django.core.cache import cache

    from background.inline import run_ready_tasks
    from courses.services.joining import send_joining_instructions
    from mailing.tests.smtp import start_server

    recorder, controller = start_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", recorder.port, False
    try:
        # Warm-up outside the clock: URL resolver, templates and catalogues, once per process.
        send_joining_instructions(event=_event_with_participants(4), message="warm-up")
        run_ready_tasks()
        warm = recorder.count()
        event = _event_with_participants(count)
        cache.clear()
        started = time.perf_counter()
        outcome = send_joining_instructions(event=event, message="Zoom passcode 1540")
        queued = time.perf_counter() - started
        started = time.perf_counter()
        run_ready_tasks()
        sent = time.perf_counter() - started
    finally:
        controller.stop()
    assert recorder.count() - warm == outcome.queued, (recorder.count(), outcome.queued)
    return [
        ("emails_queued_per_s", _rate(outcome.queued, queued), "/s"),
        ("emails_sent_per_s", _rate(outcome.queued, sent), "/s"),
    ]


def _certificates(count: int) -> list[tuple[str, float, str]]:
    from background.inline import run_ready_tasks
    from certificates.batch import start_batch_issue
    from certificates.models import Certificate

    event = _event_with_participants(count, attended=True)
    start_batch_issue(event=event, by=None)
    started = time.perf_counter()
    run_ready_tasks()
    seconds = time.perf_counter() - started
    issued = Certificate.objects.filter(event=event).count()
    assert issued == count, issued
    return [("certificate_batch_task_per_s", _rate(issued, seconds), "/s")]


def run(quick: bool) -> list[tuple[str, float, str]]:
    return _emails(200 if quick else 2000) + _certificates(30 if quick else 300)

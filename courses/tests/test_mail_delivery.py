"""Joining instructions for 2,000 participants, end to end: queued by the page at once, sent by
a real worker (a subprocess) to a real SMTP server on 127.0.0.1, the worker killed mid-batch
and started again: every message arrives exactly once."""

import datetime
import os
import signal
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from background.models import Job
from background.tests.workers import wait_until
from courses.models import AgendaItem, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from mailing.models import Message, MessageEvent
from people import roles
from people.models import Country, Person
from people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.slow
PARTICIPANTS = 2000
LANGUAGES = ["en", "fr", "es", "ru"]


def _event_with_participants() -> TrainingEvent:
    start = datetime.date.today() + datetime.timedelta(days=60)
    event = TrainingEvent.objects.create(
        title="WCO STCE Programme – Regional Training",
        status=TrainingEvent.Status.CONFIRMED,
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
        time_zone="Asia/Shanghai",
        platform="Zoom",
    )
    day = EventDay.objects.create(event=event, date=start)
    AgendaItem.objects.create(
        day=day, title="Opening", start_time=datetime.time(9), end_time=datetime.time(10)
    )
    country = Country.objects.first()
    people = Person.objects.bulk_create(
        Person(
            given_name=f"Given{i}",
            family_name=f"Family{i}",
            email=f"p{i}@example.org",
            preferred_language=LANGUAGES[i % 4],
            country=country,
        )
        for i in range(PARTICIPANTS)
    )
    Enrolment.objects.bulk_create(Enrolment(event=event, person=person) for person in people)
    trainer = PersonFactory(email="lead@example.org", user=UserFactory(username="lead", role=roles.TRAINER))
    TrainerAssignment.objects.create(event=event, person=trainer, role=TrainerAssignment.Role.LEAD)
    return event


def test_2000_joining_instructions_are_queued_at_once_and_sent_exactly_once_across_a_crash(
    smtp_server, workers, django_assert_max_num_queries
):
    event = _event_with_participants()
    client = Client()
    client.force_login(UserFactory(username="coordinator", role=roles.COORDINATOR, email="coord@example.org"))
    # Queuing does not grow with the recipients: a fixed number of queries (SQLite's bulk
    # inserts take ~45 rows each; PostgreSQL's one statement), no mail server contacted.
    with django_assert_max_num_queries(100):
        response = client.post(
            reverse("courses:joining-instructions", args=[event.pk]),
            {"message": "Passcode 1540", "action": "send"},
        )
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.total == PARTICIPANTS + 1 and Message.objects.count() == PARTICIPANTS + 1
    assert smtp_server.count() == 0

    worker = {}

    def kill_during_the_700th(number):
        # The worker has sent 699 and is in the middle of the 700th conversation.
        if number == 700:
            os.kill(worker["pid"], signal.SIGKILL)

    smtp_server.on_rcpt = kill_during_the_700th
    worker["pid"] = workers.start("test-w1", "--no-maintenance").pid
    wait_until(lambda: workers.processes[0].poll() is not None, what="the kill", workers=workers)
    smtp_server.on_rcpt = None
    assert smtp_server.count() == 699
    assert Message.objects.filter(status=Message.Status.SENDING).count() == 1

    workers.start("test-w1", "--no-maintenance")  # takes back the task it left running
    workers.start("test-w2", "--no-maintenance")
    wait_until(lambda: Job.objects.get(pk=job.pk).is_finished, timeout=300, what="the batch", workers=workers)
    workers.stop_all()

    received = Counter(smtp_server.message_ids())
    assert set(received) == set(Message.objects.values_list("message_id", flat=True))
    assert max(received.values()) == 1
    job.refresh_from_db()
    assert (job.done, job.failed) == (PARTICIPANTS + 1, 0)
    interrupted = Message.objects.get(attempts=2)
    assert interrupted.status == Message.Status.SENT
    assert list(interrupted.events.values_list("kind", flat=True)) == [MessageEvent.Kind.RESENT_AFTER_CRASH]

    # What a French participant received says everything, in French, and its link works
    # without an account; the trainer who signs in gets the event's page instead.
    french = next(m for m in smtp_server.messages if m["To"] == "p1@example.org")
    assert french["Content-Language"] == "fr" and french["Reply-To"] == "coord@example.org"
    # (the standard library's parser keeps the space of a folded, encoded header)
    subject = french["Subject"].strip()
    assert subject == "Instructions de participation : WCO STCE Programme – Regional Training"
    body = french.get_body(("plain",)).get_content()
    assert "Passcode 1540" in body and "Zoom" in body and "09:00–10:00" in body and "Asia/Shanghai" in body
    [ics] = [part for part in french.iter_attachments() if part.get_filename() == "event.ics"]
    assert "DTSTART;TZID=Asia/Shanghai:" in ics.get_content()
    link = next(line for line in body.splitlines() if "/courses/p/" in line).strip()
    page = Client().get(link.removeprefix("https://stce.example.org"))
    assert page.status_code == 200 and "Opening" in page.content.decode()
    lead = next(m for m in smtp_server.messages if m["To"] == "lead@example.org")
    assert f"https://stce.example.org/courses/events/{event.pk}/" in lead.get_body(("plain",)).get_content()

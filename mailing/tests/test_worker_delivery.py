"""The outbox with a real worker (a subprocess) and a real SMTP server: killed workers, refused
recipients. See courses/tests/test_mail_delivery.py for the joining instructions at scale."""

import os
import signal
from collections import Counter

import pytest

from background.models import Job
from background.services.jobs import start_job
from background.tests.workers import wait_until
from mailing.models import Message, MessageEvent
from mailing.services.outbox import queue_messages
from mailing.tests.kinds import drafts

pytestmark = pytest.mark.slow


def _queue(count: int, *, prefix: str = "t") -> Job:
    job = start_job(kind="mail", title="Test batch", finishes_when_counted=True)
    queue_messages(drafts=drafts(count, prefix=prefix), job=job)
    return job


def _finished(job: Job) -> bool:
    job.refresh_from_db()
    return job.is_finished


def _ours(smtp_server, job) -> Counter:
    expected = set(Message.objects.filter(job=job).values_list("message_id", flat=True))
    return Counter(m for m in smtp_server.message_ids() if m in expected)


def test_a_refused_recipient_fails_alone_with_the_servers_answer_and_is_retried(smtp_server, workers):
    smtp_server.refuse["t3@example.org"] = "550 5.1.1 <t3@example.org>: Recipient address rejected"
    job = _queue(12)
    workers.start("test-w1", "--no-maintenance", STCE_MAIL_RETRY_DELAYS="0.5")
    wait_until(lambda: _finished(job), what="the batch", workers=workers)
    wait_until(
        lambda: Message.objects.get(to="t3@example.org").status == Message.Status.FAILED,
        what="the retry of the refused message",
        workers=workers,
    )
    workers.stop_all()

    received = _ours(smtp_server, job)
    assert len(received) == 11 and max(received.values()) == 1
    refused = Message.objects.get(to="t3@example.org")
    assert refused.attempts == 2
    assert refused.last_error.startswith("550 5.1.1 <t3@example.org>: Recipient address rejected")
    assert list(refused.events.values_list("kind", flat=True)) == [
        MessageEvent.Kind.FAILED,
        MessageEvent.Kind.RETRIED,
        MessageEvent.Kind.FAILED,
        MessageEvent.Kind.GAVE_UP,
    ]
    first_failure = refused.events.first()
    assert first_failure.retry_at is not None and "550 5.1.1" in first_failure.detail
    assert Message.objects.filter(job=job, status=Message.Status.SENT).count() == 11
    job.refresh_from_db()
    assert (job.done, job.failed) == (11, 1)


def test_a_worker_killed_at_a_random_moment_loses_nothing(smtp_server, workers):
    job = _queue(300)
    first = workers.start("test-w1", "--no-maintenance")
    wait_until(lambda: Job.objects.get(pk=job.pk).done >= 100, what="100 messages", workers=workers)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    at_kill = set(smtp_server.message_ids())
    # Only a message the server accepted just before the kill, whose acceptance was not yet
    # recorded, may go twice (STCE_MAIL_ON_AMBIGUOUS="resend", with the same Message-ID).
    ambiguous = (
        set(
            Message.objects.filter(job=job, status=Message.Status.SENDING).values_list(
                "message_id", flat=True
            )
        )
        & at_kill
    )
    workers.start("test-w1", "--no-maintenance")  # the same id takes back what it left running
    workers.start("test-w2", "--no-maintenance")
    wait_until(lambda: _finished(job), what="the batch", workers=workers)
    workers.stop_all()

    received = _ours(smtp_server, job)
    assert len(received) == 300
    assert {m for m, n in received.items() if n > 1} <= ambiguous
    job.refresh_from_db()
    assert (job.done, job.failed) == (300, 0)


@pytest.mark.parametrize("policy", ["resend", "hold"])
def test_a_worker_killed_between_acceptance_and_its_record(smtp_server, workers, policy):
    """The one window nobody can decide: the server has the 20th message, the worker dies
    before it hears "250". "resend" sends it again (same Message-ID); "hold" sets it aside."""
    job = _queue(40)
    process = {}

    def kill_at_twentieth(number):
        if number == 20:
            os.kill(process["pid"], signal.SIGKILL)

    smtp_server.on_data = kill_at_twentieth
    process["pid"] = workers.start("test-w1", "--no-maintenance", STCE_MAIL_ON_AMBIGUOUS=policy).pid
    wait_until(lambda: workers.processes[0].poll() is not None, what="the kill", workers=workers)
    smtp_server.on_data = None
    workers.start("test-w1", "--no-maintenance", STCE_MAIL_ON_AMBIGUOUS=policy)
    wait_until(lambda: _finished(job), what="the batch", workers=workers)
    workers.stop_all()

    received = _ours(smtp_server, job)
    assert len(received) == 40
    twentieth = Message.objects.get(job=job, message_id=smtp_server.message_ids()[19])
    job.refresh_from_db()
    if policy == "resend":
        assert received[twentieth.message_id] == 2 and sum(received.values()) == 41
        assert twentieth.status == Message.Status.SENT
        assert twentieth.events.filter(kind=MessageEvent.Kind.RESENT_AFTER_CRASH).exists()
        assert (job.done, job.failed) == (40, 0)
    else:
        assert max(received.values()) == 1
        assert twentieth.status == Message.Status.UNKNOWN
        assert (job.done, job.failed) == (39, 1)

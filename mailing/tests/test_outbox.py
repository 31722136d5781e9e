"""The outbox in one process: queuing, the state of each message through its attempts, the
send log, edited wording with its preview, erasure."""

import smtplib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from background.models import Job
from background.services.jobs import start_job
from mailing.models import Message, MessageEvent, MessageTemplate
from mailing.rendering import render, wording
from mailing.sending import claim, server_answer
from mailing.services.outbox import queue_messages, send_again, store_attachment
from mailing.services.templates import save_template
from mailing.tests.kinds import TEST_KIND, drafts
from people.errors import DomainError
from people.privacy import person_erased
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """A mail backend that refuses one address as a server would, and counts the rest."""

    refused = "t1@example.org"
    sent: list = []

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            if message.to == [self.refused]:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"5.1.1 Mailbox unavailable")})
            RefusingBackend.sent.append(message)
        return len(messages)


class UnreachableBackend(RefusingBackend):
    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")


def _retry_now():
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_queuing_renders_each_message_in_its_language_and_a_key_queues_once(run_tasks):
    job = start_job(kind="mail", title="Batch", finishes_when_counted=True)
    queued = queue_messages(drafts=drafts(3), job=job)
    assert [m.subject for m in queued] == ["Notice 0", "Notice 1", "Notice 2"]
    assert queued[0].body == "Dear Person 0,\n\nNotice number 0.\n"  # empty lines do not pile up
    assert queue_messages(drafts=drafts(3)) == []
    job.refresh_from_db()
    assert job.total == 3 and not job.is_finished
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["t0@example.org", "t1@example.org", "t2@example.org"]
    sent = mail.outbox[0]
    assert sent.extra_headers["Message-ID"] == Message.objects.get(to=sent.to[0]).message_id
    assert sent.extra_headers["Content-Language"] == "en"
    job.refresh_from_db()
    assert (job.done, job.failed, job.is_finished) == (3, 0, True)


def test_queuing_thousands_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    job = start_job(kind="mail", title="Batch", finishes_when_counted=True)
    with django_assert_max_num_queries(70):
        queue_messages(drafts=drafts(2000), job=job)
    assert Message.objects.filter(job=job).count() == 2000


def test_a_batch_is_handed_out_in_chunks_that_workers_share(run_tasks, settings):
    settings.STCE_MAIL_CHUNK = 10
    job = start_job(kind="mail", title="Batch", finishes_when_counted=True)
    queue_messages(drafts=drafts(35), job=job)
    assert set(Message.objects.values_list("send_token", flat=True)) == {""}
    assert run_tasks() == 1 + 4  # the dispatching task, then four sending tasks
    assert len(mail.outbox) == 35


def test_a_refused_recipient_fails_alone_with_the_answer_and_is_retried_later(run_tasks, settings):
    settings.EMAIL_BACKEND = "mailing.tests.test_outbox.RefusingBackend"
    settings.STCE_MAIL_RETRY_DELAYS = [60]
    RefusingBackend.sent = []
    job = start_job(kind="mail", title="Batch", finishes_when_counted=True)
    queue_messages(drafts=drafts(3), job=job)
    run_tasks()
    refused = Message.objects.get(to="t1@example.org")
    assert refused.status == Message.Status.RETRYING
    assert refused.last_error == "550 5.1.1 Mailbox unavailable"
    assert refused.next_attempt_at > timezone.now()
    assert len(RefusingBackend.sent) == 2
    job.refresh_from_db()
    assert (job.done, job.failed, job.is_finished) == (2, 1, True)  # everyone had an outcome

    _retry_now()
    run_tasks()
    refused.refresh_from_db()
    assert refused.status == Message.Status.FAILED and refused.attempts == 2
    assert [e.kind for e in refused.events.all()] == ["failed", "retried", "failed", "gave_up"]

    RefusingBackend.refused = "nobody@example.org"
    try:
        send_again(message=refused, by=None)
        run_tasks()
    finally:
        RefusingBackend.refused = "t1@example.org"
    refused.refresh_from_db()
    assert refused.status == Message.Status.SENT
    job.refresh_from_db()
    assert (job.done, job.failed) == (3, 0)


def test_an_unreachable_server_fails_every_message_of_the_task_for_a_later_attempt(run_tasks, settings):
    settings.EMAIL_BACKEND = "mailing.tests.test_outbox.UnreachableBackend"
    queue_messages(drafts=drafts(4))
    run_tasks()
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.RETRYING}
    assert all("Connection refused" in m.last_error for m in Message.objects.all())


def test_a_message_left_sending_by_a_dead_worker_is_sent_again_or_set_aside(settings):
    [message] = queue_messages(drafts=drafts(1))
    assert claim(message_id=message.pk, token=message.send_token, worker_id="w1") is not None
    again = claim(message_id=message.pk, token=message.send_token, worker_id="w1")
    assert again is not None and again.message.attempts == 2
    assert message.events.get().kind == MessageEvent.Kind.RESENT_AFTER_CRASH

    settings.STCE_MAIL_ON_AMBIGUOUS = "hold"
    [held] = queue_messages(drafts=drafts(1, prefix="h"))
    claim(message_id=held.pk, token=held.send_token, worker_id="w1")
    assert claim(message_id=held.pk, token=held.send_token, worker_id="w1") is None
    held.refresh_from_db()
    assert held.status == Message.Status.UNKNOWN


def test_only_the_task_holding_the_token_sends():
    [message] = queue_messages(drafts=drafts(1))
    assert claim(message_id=message.pk, token="stale", worker_id="w1") is None


def test_the_servers_answer_is_kept_in_its_own_words():
    refused = smtplib.SMTPRecipientsRefused({"a@b": (550, b"5.1.1 <a@b>: Recipient address rejected")})
    assert server_answer(refused) == "550 5.1.1 <a@b>: Recipient address rejected"
    assert server_answer(smtplib.SMTPDataError(554, b"5.7.1 Spam")) == "554 5.7.1 Spam"
    assert server_answer(ConnectionRefusedError(111, "Connection refused")).startswith(
        "ConnectionRefusedError"
    )


def test_a_stored_attachment_goes_with_every_message(run_tasks):
    calendar = store_attachment(filename="event.ics", content="BEGIN:VCALENDAR", mimetype="text/calendar")
    queue_messages(drafts=drafts(2, attachments=[calendar]))
    run_tasks()
    assert [m.attachments[0][:2] for m in mail.outbox] == [("event.ics", "BEGIN:VCALENDAR")] * 2


class TestWording:
    def test_an_edited_wording_is_used_and_an_unknown_placeholder_refused(self, coordinator):
        with pytest.raises(DomainError) as refused:
            save_template(
                kind=TEST_KIND, language="fr", subject="Avis {{ numero }}", body="x", by=coordinator
            )
        assert "{{ numero }}" in refused.value.message
        save_template(
            kind=TEST_KIND,
            language="fr",
            subject="Avis {{ number }}",
            body="Bonjour {{ name }}",
            by=coordinator,
        )
        rendered = render(wording(TEST_KIND, "fr"), {"name": "Ana", "number": "4"})
        assert (rendered.subject, rendered.body) == ("Avis 4", "Bonjour Ana\n")
        assert wording(TEST_KIND, "es").edited is False

    def test_the_editor_previews_before_saving_and_goes_back_to_the_built_in_wording(
        self, coordinator_client
    ):
        url = reverse("mailing:template-edit", args=["joining_instructions", "es"])
        page = coordinator_client.get(url).content.decode()
        assert "Wang Wei" in page  # the preview, with sample values
        preview = coordinator_client.post(
            url, {"subject": "Hola {{ name }}", "body": "Texto", "action": "preview"}
        )
        assert "Hola Wang Wei" in preview.content.decode() and not MessageTemplate.objects.exists()
        coordinator_client.post(url, {"subject": "Hola {{ name }}", "body": "Texto", "action": "save"})
        assert MessageTemplate.objects.get().subject == "Hola {{ name }}"
        coordinator_client.post(url, {"action": "reset"})
        assert not MessageTemplate.objects.exists()

    def test_the_list_shows_every_kind_in_every_language(self, coordinator_client):
        page = coordinator_client.get(reverse("mailing:template-list")).content.decode()
        for label in (
            "Joining instructions",
            "Change of dates",
            "Reminder before the event",
            "Certificate",
            "Accreditation ending",
        ):
            assert label in page


def test_the_send_log_of_a_person_lists_their_messages(coordinator_client, run_tasks, settings):
    settings.EMAIL_BACKEND = "mailing.tests.test_outbox.RefusingBackend"
    person = PersonFactory(email="t1@example.org")
    draft = drafts(2)[1]
    draft.person_id = person.pk
    queue_messages(drafts=[draft])
    run_tasks()
    page = coordinator_client.get(person.get_absolute_url()).content.decode()
    assert "Notice 1" in page and "550 5.1.1 Mailbox unavailable" in page


def test_an_erased_person_is_no_longer_named_in_the_outbox(run_tasks):
    person = PersonFactory(email="t0@example.org")
    draft = drafts(1)[0]
    draft.person_id = person.pk
    queue_messages(drafts=[draft])
    run_tasks()
    person_erased.send(sender=type(person), person=person)
    message = Message.objects.get()
    assert (message.to, message.subject, message.body) == ("", "", "")
    assert message.status == Message.Status.SENT


def test_the_message_page_shows_what_was_sent_and_sends_a_failed_one_again(
    coordinator_client, run_tasks, settings
):
    settings.EMAIL_BACKEND = "mailing.tests.test_outbox.UnreachableBackend"
    [message] = queue_messages(drafts=drafts(1))
    run_tasks()
    page = coordinator_client.get(reverse("mailing:message-detail", args=[message.pk])).content.decode()
    assert "Notice 0" in page and "Connection refused" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    coordinator_client.post(reverse("mailing:message-send-again", args=[message.pk]))
    run_tasks()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and len(mail.outbox) == 1


def test_a_job_with_nothing_new_to_send_is_finished_at_once():
    queue_messages(drafts=drafts(1))
    job = start_job(kind="mail", title="Again", finishes_when_counted=True)
    assert queue_messages(drafts=drafts(1), job=job) == []
    job.refresh_from_db()
    assert job.is_finished and job.outcome_level == Job.Level.WARNING

"""Sending queued messages, one attempt at a time, each recorded before and after.

For each message of a sending task:
1. claim it: `queued`/`retrying` → `sending`, committed before the mail server is contacted;
2. hand it to the server, with a Message-ID fixed when it was queued;
3. at once record the outcome: `sent` (and the job's progress) in one transaction, or the
   server's answer and the time of the next attempt (a new sending task), or `failed` when
   the attempts are used up.
A worker killed anywhere but between the server's acceptance and step 3's commit leaves a
message that is sent exactly once when its task runs again. In that one window nobody can
know whether it went: STCE_MAIL_ON_AMBIGUOUS says whether to send it again (same Message-ID,
which mailbox providers recognise) or to set it aside as "unknown" for a coordinator.

A refusal that concerns one message (the recipient refused, the content rejected) fails that
message only. When the server cannot be reached, the rest of the task's messages are not
tried against it: each gets the same answer and its own later attempt.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from background.queue import enqueue
from background.services.jobs import advance
from mailing.attachments import resolve
from mailing.models import Message, MessageEvent

logger = logging.getLogger(__name__)
S = Message.Status
# Refusals of this one message; anything else about the server stops the task's other sends.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def server_answer(exc: BaseException) -> str:
    """The server's own words when it gave any ("550 5.1.1 Mailbox unavailable")."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
            for code, text in exc.recipients.values()
        )[:1000]
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        return f"{exc.smtp_code} {text}"[:1000]
    return f"{type(exc).__name__}: {exc}"[:1000]


def build_email(message: Message, *, with_attachments: bool = True) -> EmailMessage:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={"Message-ID": message.message_id, "Content-Language": message.language},
    )
    if with_attachments:
        for filename, content, mimetype in resolve(message.attachments):
            email.attach(filename, content, mimetype)
    return email


@dataclass
class Claimed:
    message: Message
    was_failed: bool  # counted among its job's failures until this attempt succeeds


def _log(message: Message, kind: str, **fields) -> None:
    MessageEvent.objects.create(message=message, kind=kind, attempt=message.attempts, **fields)


def _set_aside(message: Message) -> None:
    was_failed = message.status in Message.FAILED_STATES
    message.status = S.UNKNOWN
    message.last_error = (
        f"The worker {message.claimed_by} stopped while sending; it may or may not have gone."
    )
    message.save(update_fields=["status", "last_error"])
    _log(message, MessageEvent.Kind.HELD, detail=message.last_error)
    if not was_failed:
        advance(job_id=message.job_id, failed=1)


@transaction.atomic
def claim(*, message_id: str, token: str, worker_id: str) -> Claimed | None:
    """The message, now `sending` under this worker, or None when there is nothing to do."""
    message = Message.objects.select_for_update().filter(pk=message_id).first()
    if message is None or message.send_token != token or message.status in (S.SENT, S.FAILED, S.UNKNOWN):
        return None
    was_failed = message.status in Message.FAILED_STATES
    if message.status == S.SENDING:
        # Only this task can have left it so: its previous run died during the sending.
        if settings.STCE_MAIL_ON_AMBIGUOUS == "hold":
            _set_aside(message)
            return None
        logger.warning("message %s: its worker stopped while sending; sending it again", message.pk)
        _log(message, MessageEvent.Kind.RESENT_AFTER_CRASH)
    elif message.status == S.RETRYING:
        _log(message, MessageEvent.Kind.RETRIED)
    message.status = S.SENDING
    message.attempts += 1
    message.claimed_by = worker_id[:64]
    message.save(update_fields=["status", "attempts", "claimed_by"])
    return Claimed(message, was_failed)


@transaction.atomic
def mark_sent(claimed: Claimed, *, token: str) -> None:
    message = claimed.message
    recorded = Message.objects.filter(pk=message.pk, status=S.SENDING, send_token=token).update(
        status=S.SENT, sent_at=timezone.now(), next_attempt_at=None
    )
    if recorded:
        advance(job_id=message.job_id, done=1, failed=-1 if claimed.was_failed else 0)


@transaction.atomic
def mark_failed(claimed: Claimed, *, token: str, answer: str) -> None:
    """Record the server's answer; a new sending task later, or `failed` after the last attempt."""
    message = claimed.message
    delays = settings.STCE_MAIL_RETRY_DELAYS
    final = message.attempts > len(delays)
    retry_at = None if final else timezone.now() + timedelta(seconds=delays[message.attempts - 1])
    new_token = "" if final else _new_token()
    recorded = Message.objects.filter(pk=message.pk, status=S.SENDING, send_token=token).update(
        status=S.FAILED if final else S.RETRYING,
        last_error=answer,
        next_attempt_at=retry_at,
        send_token=new_token or token,
    )
    if not recorded:
        return
    _log(message, MessageEvent.Kind.FAILED, detail=answer, retry_at=retry_at)
    if final:
        _log(message, MessageEvent.Kind.GAVE_UP, detail=answer)
    else:
        from mailing.tasks import send_messages

        enqueue(send_messages, [str(message.pk)], new_token, run_after=retry_at)
    if not claimed.was_failed:
        advance(job_id=message.job_id, failed=1)


def _new_token() -> str:
    from mailing.services.outbox import new_token

    return new_token()


def send_batch(*, message_ids: list[str], token: str, worker_id: str) -> dict[str, int]:
    """Send the messages this task was given; returns how many were sent, failed, skipped."""
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    connection = None
    unreachable = ""  # the answer of a server that could not be reached: the rest wait for later
    try:
        for message_id in message_ids:
            claimed = claim(message_id=message_id, token=token, worker_id=worker_id)
            if claimed is None:
                counts["skipped"] += 1
                continue
            if unreachable:
                mark_failed(claimed, token=token, answer=unreachable)
                counts["failed"] += 1
                continue
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    if hasattr(connection, "open"):
                        connection.open()
                email = build_email(claimed.message)
                email.connection = connection
                if email.send() != 1:
                    raise smtplib.SMTPException("The mail backend did not send the message.")
            except MESSAGE_ERRORS as exc:
                mark_failed(claimed, token=token, answer=server_answer(exc))
                counts["failed"] += 1
            except OSError as exc:  # every other SMTP error, and the network's
                unreachable = server_answer(exc)
                logger.warning(
                    "mail server unreachable (%s); the task's other messages wait", type(exc).__name__
                )
                _close(connection)
                connection = None
                mark_failed(claimed, token=token, answer=unreachable)
                counts["failed"] += 1
            except Exception as exc:  # e.g. an attachment that cannot be produced
                logger.exception("message %s could not be prepared", claimed.message.pk)
                mark_failed(claimed, token=token, answer=server_answer(exc))
                counts["failed"] += 1
            else:
                mark_sent(claimed, token=token)
                counts["sent"] += 1
    finally:
        _close(connection)
    return counts


def _close(connection) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # a connection already broken cannot be closed politely
        logger.debug("closing the mail connection failed", exc_info=True)

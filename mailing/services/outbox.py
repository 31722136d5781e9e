"""Queuing e-mails: every e-mail the application sends goes through here.

`queue_messages` renders each message whole, stores it and enqueues its sending, in the
caller's transaction: the messages exist if and only if what they announce was committed.
It never talks to a mail server, so queuing thousands answers at once; workers send them.
"""

import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from background.models import Job
from background.queue import enqueue
from background.services.jobs import attach_task, finish, set_progress
from mailing.kinds import kind_for
from mailing.models import Attachment, Message, MessageEvent
from mailing.rendering import render, wording, wordings_for
from people.errors import DomainError
from people.links import public_host

KEY_QUERY_SIZE = 500  # dedupe keys looked up per query (SQLite takes at most 999 parameters)


@dataclass
class Draft:
    """One message to queue: its kind, recipient, language and the values of its placeholders."""

    kind: str
    to: str
    language: str
    values: dict[str, str]
    dedupe_key: str
    person_id: int | None = None
    topic: tuple[str, int] | None = None
    attachments: list[dict] = field(default_factory=list)
    reply_to: str = ""
    gender: str = ""  # the recipient's recorded gender, for the greeting


def new_token() -> str:
    return secrets.token_hex(16)


def _existing_keys(keys: Sequence[str]) -> set[str]:
    found = set()
    for start in range(0, len(keys), KEY_QUERY_SIZE):
        found |= set(
            Message.objects.filter(dedupe_key__in=keys[start : start + KEY_QUERY_SIZE]).values_list(
                "dedupe_key", flat=True
            )
        )
    return found


def _message(draft: Draft, rendered, *, by, job) -> Message:
    pk = uuid.uuid4()
    topic_kind, topic_id = draft.topic or ("", None)
    return Message(
        id=pk,
        kind=draft.kind,
        topic_kind=topic_kind,
        topic_id=topic_id,
        person_id=draft.person_id,
        to=draft.to,
        reply_to=draft.reply_to,
        language=draft.language,
        subject=rendered.subject[:500],
        body=rendered.body,
        attachments=draft.attachments,
        message_id=f"<{pk}.stce@{public_host()}>",
        dedupe_key=draft.dedupe_key,
        job=job,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


def _new_messages(drafts: list[Draft], *, by, job) -> list[Message]:
    """The drafts rendered as messages, less those whose dedupe key was used already."""
    for draft in drafts:
        if kind_for(draft.kind) is None:
            raise DomainError(_("Unknown kind of message: %(kind)s") % {"kind": draft.kind})
    taken = _existing_keys([d.dedupe_key for d in drafts])
    edited: dict[str, dict] = {}
    messages = []
    for draft in drafts:
        if draft.dedupe_key in taken:
            continue
        taken.add(draft.dedupe_key)
        kind = kind_for(draft.kind)
        if kind.key not in edited:
            edited[kind.key] = wordings_for(kind)
        rendered = render(
            wording(kind, draft.language, edited[kind.key]),
            draft.values,
            language=draft.language,
            gender=draft.gender,
        )
        messages.append(_message(draft, rendered, by=by, job=job))
    return messages


def _store_and_enqueue(messages: list[Message], job: Job | None) -> None:
    """A large batch is handed to sending tasks by one dispatching task, so that queuing it
    costs a fixed number of queries; a few messages go straight to their sending tasks."""
    if job is not None and len(messages) > settings.STCE_MAIL_CHUNK:
        Message.objects.bulk_create(messages)
        attach_task(job=job, result=enqueue(dispatch_task(), str(job.pk)))
        return
    chunks = _chunks(messages, settings.STCE_MAIL_CHUNK)
    tokens = [new_token() for _chunk in chunks]
    for token, chunk in zip(tokens, chunks, strict=True):
        for message in chunk:
            message.send_token = token
    Message.objects.bulk_create(messages)
    for token, chunk in zip(tokens, chunks, strict=True):
        enqueue(send_messages_task(), [str(m.pk) for m in chunk], token)


@transaction.atomic
def queue_messages(*, drafts: Iterable[Draft], by=None, job: Job | None = None) -> list[Message]:
    """Render, store and enqueue the drafts; those whose dedupe key was used before are skipped.

    With `job`, its total becomes the number of messages queued and its progress counts them
    as they are sent or fail (a job with nothing new to send is finished at once).
    """
    messages = _new_messages(list(drafts), by=by, job=job)
    _store_and_enqueue(messages, job)
    if job is not None:
        set_progress(job_id=job.pk, total=len(messages))
        if not messages:
            finish(
                job_id=job.pk,
                outcome=_("Nothing new to send: everyone listed was sent this already."),
                level=Job.Level.WARNING,
            )
    return messages


def _chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def send_messages_task():
    from mailing.tasks import send_messages

    return send_messages


def dispatch_task():
    from mailing.tasks import dispatch_messages

    return dispatch_messages


@transaction.atomic
def store_attachment(*, filename: str, content: bytes | str, mimetype: str) -> dict:
    """Keep a file that many messages attach; returns what a Draft's `attachments` lists."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    attachment = Attachment.objects.create(filename=filename, content=content, mimetype=mimetype)
    return {"stored": attachment.pk}


@transaction.atomic
def dispatch(*, job_id) -> int:
    """Hand the job's queued messages to sending tasks, a chunk each; run by a worker, once
    per job (messages already handed out are skipped, so running it again changes nothing)."""
    ids = list(
        Message.objects.filter(job_id=job_id, status=Message.Status.QUEUED, send_token="")
        .order_by("created_at", "to", "pk")
        .values_list("pk", flat=True)
    )
    for chunk in _chunks(ids, settings.STCE_MAIL_CHUNK):
        token = new_token()
        Message.objects.filter(pk__in=chunk).update(send_token=token)
        enqueue(send_messages_task(), [str(pk) for pk in chunk], token)
    return len(ids)


@transaction.atomic
def send_again(*, message: Message, by) -> Message:
    """Try a failed message (or one set aside as unknown) again now, with a new sending task."""
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if locked.status not in (Message.Status.FAILED, Message.Status.UNKNOWN, Message.Status.RETRYING):
        raise DomainError(_("Only a message that failed can be sent again."))
    if not locked.to:
        raise DomainError(_("This message has no address to send to."))
    token = new_token()
    Message.objects.filter(pk=locked.pk).update(
        status=Message.Status.RETRYING, send_token=token, attempts=0, next_attempt_at=timezone.now()
    )
    MessageEvent.objects.create(
        message=locked, kind=MessageEvent.Kind.SEND_AGAIN, attempt=locked.attempts, by=by
    )
    enqueue(send_messages_task(), [str(locked.pk)], token)
    locked.refresh_from_db()
    return locked

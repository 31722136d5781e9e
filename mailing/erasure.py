"""When a person is erased, the e-mails sent to them keep their outcome but lose what named them,
and the e-mails to others that name them (a digest to coordinators) lose their name."""

from mailing.models import Message, MessageEvent
from people.privacy import redact_columns


def scrub_erased_recipient(sender, person, former=None, **kwargs):
    """person_erased receiver: runs inside the erasure's transaction."""
    messages = Message.objects.filter(person=person)
    MessageEvent.objects.filter(message__in=messages).update(detail="")
    messages.update(to="", reply_to="", subject="", body="", last_error="", attachments=[])
    if former:
        redact_columns(Message, ["to", "reply_to", "subject", "body", "last_error"], former)

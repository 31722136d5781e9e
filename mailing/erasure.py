"""When a person is erased, the e-mails sent to them keep their outcome but lose what named them."""

from mailing.models import Message, MessageEvent


def scrub_erased_recipient(sender, person, **kwargs):
    """person_erased receiver: runs inside the erasure's transaction."""
    messages = Message.objects.filter(person=person)
    MessageEvent.objects.filter(message__in=messages).update(detail="")
    messages.update(to="", reply_to="", subject="", body="", last_error="", attachments=[])

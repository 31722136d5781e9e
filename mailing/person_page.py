"""The e-mails section of the person page (registered in people.sections)."""

from people.roles import can_see_all_events
from people.sections import PersonSection, register_section

SHOWN = 20


def _messages(request, person) -> dict:
    if not can_see_all_events(request.user):
        return {"messages_shown": False}
    # One more than shown tells whether there are more, without counting them all.
    messages = list(person.messages.with_log().order_by("-created_at")[: SHOWN + 1])
    return {
        "messages_shown": True,
        "person_messages": messages[:SHOWN],
        "more_messages": len(messages) > SHOWN,
    }


def register() -> None:
    register_section(PersonSection("messages", "mailing/includes/person_messages.html", 80, _messages))

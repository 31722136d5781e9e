"""The messages courses send (joining instructions, change of dates, reminder before the
event), registered with mailing so that coordinators can edit their wording."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from mailing.kinds import MessageKind, register_kind

JOINING = "joining_instructions"
DATE_CHANGE = "date_change"
REMINDER = "event_reminder"
# Someone sent one of these about an event is "informed" of it: a change of dates reaches them.
INFORMED = (JOINING, DATE_CHANGE, REMINDER)


def _common() -> dict:
    return {
        "name": _lazy("the recipient's name"),
        "event": _lazy("the event's title"),
        "dates": _lazy("the event's dates, e.g. 18–22 October 2021"),
        "details": _lazy(
            "the practical details, several lines: dates and time zone, format, venue or online "
            "platform, languages, and the agenda with its times"
        ),
        "link": _lazy(
            "a link to the event: its page for trainers who sign in, otherwise a personal page that "
            "needs no account (it stops working two months after the event)"
        ),
    }


def _sample() -> dict[str, str]:
    return {
        "name": "Wang Wei",
        "event": _("WCO STCE Programme – China National Training"),
        "dates": "18–22 October 2021",
        "old_dates": "21–25 June 2021",
        "reason": _("The host administration asked for a later date."),
        "start": "18 October 2021",
        "role": _("Participant"),
        "message": _("Zoom meeting ID 123 456 7890, passcode 1540."),
        "details": "\n".join(
            [
                _("Dates") + ": 18–22 October 2021 (" + _("time zone") + ": Asia/Shanghai)",
                _("Format") + ": " + _("Virtual"),
                _("Online platform") + ": Zoom",
                "",
                _("Agenda") + ":",
                "18 October 2021",
                "  09:00–10:30  " + _("Definition and importance of STCE"),
            ]
        ),
        "link": "https://stce.example.org/courses/p/SAMPLE/",
    }


def register() -> None:
    register_kind(
        MessageKind(
            key=JOINING,
            label=_lazy("Joining instructions"),
            description=_lazy("To participants and trainers before an event, with a calendar file attached."),
            subject=_lazy("Joining instructions: {{ event }}"),
            body=_lazy(
                "Dear {{ name }},\n\n"
                'You are on the programme of "{{ event }}" as: {{ role }}.\n\n'
                "{{ details }}\n\n"
                "{{ message }}\n\n"
                "The attached calendar file adds the event to your calendar.\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                **_common(),
                "role": _lazy("their role: participant, lead trainer, co-trainer…"),
                "message": _lazy("the note typed when sending (e.g. the Zoom link and passcode)"),
            },
            sample=_sample,
            order=10,
        )
    )
    register_kind(
        MessageKind(
            key=DATE_CHANGE,
            label=_lazy("Change of dates"),
            description=_lazy("To everyone already informed of an event, after its dates changed."),
            subject=_lazy("New dates: {{ event }}"),
            body=_lazy(
                "Dear {{ name }},\n\n"
                'The dates of "{{ event }}" have changed.\n\n'
                "Before: {{ old_dates }}\n"
                "Now: {{ dates }}\n"
                "Reason: {{ reason }}\n\n"
                "{{ message }}\n\n"
                "{{ details }}\n\n"
                "The attached calendar file replaces the earlier one in your calendar.\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                **_common(),
                "old_dates": _lazy("the dates before the change"),
                "reason": _lazy("why the dates changed, as recorded"),
                "message": _lazy("the note typed when sending"),
            },
            sample=_sample,
            order=20,
        )
    )
    register_kind(
        MessageKind(
            key=REMINDER,
            label=_lazy("Reminder before the event"),
            description=_lazy(
                "Sent by the workers every morning to everyone informed of an event that starts a week later."
            ),
            subject=_lazy("Reminder: {{ event }} starts on {{ start }}"),
            body=_lazy(
                "Dear {{ name }},\n\n"
                'This is a reminder that "{{ event }}" starts on {{ start }}.\n\n'
                "{{ details }}\n\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={**_common(), "start": _lazy("the first day, e.g. 18 October 2021")},
            sample=_sample,
            order=30,
        )
    )

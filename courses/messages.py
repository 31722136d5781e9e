"""The messages courses send (joining instructions, change of dates, reminder before the
event), registered with mailing so that coordinators can edit their wording."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mailing.kinds import MessageKind, register_kind

JOINING = "joining_instructions"
DATE_CHANGE = "date_change"
REMINDER = "event_reminder"
# Someone sent one of these about an event is "informed" of it: a change of dates reaches them.
INFORMED = (JOINING, DATE_CHANGE, REMINDER)


def _common() -> dict:
    return {
        "name": _("the recipient's name"),
        "event": _("the event's title"),
        "dates": _("the event's dates, e.g. 18–22 October 2021"),
        "details": _(
            "the practical details, several lines: dates and time zone, format, venue or online "
            "platform, languages, and the agenda with its times"
        ),
        "link": _(
            "a link to the event: its page for trainers who sign in, otherwise a personal page that "
            "needs no account (it stops working two months after the event)"
        ),
    }


def _sample() -> dict[str, str]:
    return {
        "name": "Wang Wei",
        "event": gettext("WCO STCE Programme – China National Training"),
        "dates": "18–22 October 2021",
        "old_dates": "21–25 June 2021",
        "reason": gettext("The host administration asked for a later date."),
        "start": "18 October 2021",
        "role": gettext("Participant"),
        "message": gettext("Zoom meeting ID 123 456 7890, passcode 1540."),
        "details": "\n".join(
            [
                gettext("Dates") + ": 18–22 October 2021 (" + gettext("time zone") + ": Asia/Shanghai)",
                gettext("Format") + ": " + gettext("Virtual"),
                gettext("Online platform") + ": Zoom",
                "",
                gettext("Agenda") + ":",
                "18 October 2021",
                "  09:00–10:30  " + gettext("Definition and importance of STCE"),
            ]
        ),
        "link": "https://stce.example.org/courses/p/SAMPLE/",
    }


def register() -> None:
    register_kind(
        MessageKind(
            key=JOINING,
            label=_("Joining instructions"),
            description=_("To participants and trainers before an event, with a calendar file attached."),
            subject=_("Joining instructions: {{ event }}"),
            body=_(
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
                "role": _("their role: participant, lead trainer, co-trainer…"),
                "message": _("the note typed when sending (e.g. the Zoom link and passcode)"),
            },
            sample=_sample,
            order=10,
        )
    )
    register_kind(
        MessageKind(
            key=DATE_CHANGE,
            label=_("Change of dates"),
            description=_("To everyone already informed of an event, after its dates changed."),
            subject=_("New dates: {{ event }}"),
            body=_(
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
                "old_dates": _("the dates before the change"),
                "reason": _("why the dates changed, as recorded"),
                "message": _("the note typed when sending"),
            },
            sample=_sample,
            order=20,
        )
    )
    register_kind(
        MessageKind(
            key=REMINDER,
            label=_("Reminder before the event"),
            description=_(
                "Sent by the workers every morning to everyone informed of an event that starts a week later."
            ),
            subject=_("Reminder: {{ event }} starts on {{ start }}"),
            body=_(
                "Dear {{ name }},\n\n"
                'This is a reminder that "{{ event }}" starts on {{ start }}.\n\n'
                "{{ details }}\n\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={**_common(), "start": _("the first day, e.g. 18 October 2021")},
            sample=_sample,
            order=30,
        )
    )

"""The accreditation reminders, registered with mailing so that coordinators can edit them."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mailing.kinds import MessageKind, register_kind

EXPIRY = "accreditation_expiry"
DIGEST = "accreditation_expiry_digest"
HOME_TRAINING_DECISION = "home_training_decision"
EXPERT_WELCOME = "expert_welcome"
DELIVERY_INVITATION = "delivery_invitation"
DELIVERY_REMINDER = "delivery_invitation_reminder"

# The placeholders of the messages inviting an expert to deliver an event.
_ABOUT_A_DELIVERY = {
    "name": _("the expert's name"),
    "event": _("the event's title"),
    "dates": _("the event's dates, e.g. 18–22 October 2021"),
    "role": _("the role the expert is invited in"),
    "message": _("the coordinator's own words (may be empty)"),
    "link": _("a link to the invitation on the expert's portal"),
}


def _sample() -> dict[str, str]:
    return {
        "name": "Amélie Dupré",
        "date": "30 Sep 2026",
        "count": "2",
        "list": "- Amélie Dupré: 30 Sep 2026 (" + gettext("6 months before the end") + ")\n"
        "- Wang Wei: 31 Oct 2026 (" + gettext("6 months before the end") + ")",
        "link": "https://stce.example.org/accreditation/expiring/",
        "title": "STCE national course, Mombasa",
        "decision": gettext("Changes requested"),
        "reason": gettext("Add the modules you taught."),
        "days": "14",
        "event": gettext("WCO STCE Programme – China National Training"),
        "dates": "18–22 October 2021",
        "role": gettext("Co-trainer"),
        "message": "",
    }


def register() -> None:
    register_kind(
        MessageKind(
            key=EXPIRY,
            label=_("Accreditation ending"),
            description=_(
                "To an Accredited Customs Expert, 6 months and 1 month before their accreditation ends."
            ),
            subject=_("Your STCE accreditation ends on {{ date }}"),
            body=_(
                "Dear {{ name }},\n\n"
                "Your accreditation as a WCO STCE Accredited Customs Expert is valid until {{ date }}. "
                "To be renewed, deliver or attend a refresher before then and tell the STCE Programme.\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                "name": _("the expert's name"),
                "date": _("the last day of the accreditation"),
            },
            sample=_sample,
            order=50,
        )
    )
    register_kind(
        MessageKind(
            key=DIGEST,
            label=_("Accreditations ending (to coordinators)"),
            description=_("To coordinators, on the days experts are reminded: who was reminded."),
            subject=_("STCE accreditations ending soon ({{ count }})"),
            body=_("These accreditations end soon:\n\n{{ list }}\n\nList: {{ link }}\n"),
            placeholders={
                "count": _("how many experts were reminded"),
                "list": _("one line per expert: name, end date, reminder"),
                "link": _("the list of ending accreditations (coordinators sign in)"),
            },
            sample=_sample,
            order=60,
        )
    )
    register_kind(
        MessageKind(
            key=HOME_TRAINING_DECISION,
            label=_("Training delivered at home: the review"),
            description=_(
                "To the expert, when a coordinator accepts their report of a training delivered at home, "
                "asks for changes or declines it."
            ),
            subject=_("Your report “{{ title }}”: {{ decision }}"),
            body=_(
                "Dear {{ name }},\n\n"
                "Your report of the training “{{ title }}” was reviewed: {{ decision }}.\n"
                "{{ reason }}\n\n"
                "Your reports: {{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                "name": _("the expert's name"),
                "title": _("the training's title"),
                "decision": _("accepted, changes requested or declined"),
                "reason": _("the coordinator's notes, if any"),
                "link": _("the expert's list of reports (they sign in)"),
            },
            sample=_sample,
            order=70,
        )
    )
    register_kind(
        MessageKind(
            key=EXPERT_WELCOME,
            label=_("Invitation to the experts' portal"),
            description=_("To an expert given an account, with the link to choose their password."),
            subject=_("Your account on the WCO STCE Programme's site"),
            body=_(
                "Dear {{ name }},\n\n"
                "An account is open for you on the WCO STCE Programme's site: you will see your events, "
                "your accreditation and your certificates there, and tell us when you are unavailable.\n\n"
                "Choose your password here (the link works once, for {{ days }} days):\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                "name": _("the expert's name"),
                "days": _("how many days the link works"),
                "link": _("the link to choose a password"),
            },
            sample=_sample,
            order=71,
        )
    )
    register_kind(
        MessageKind(
            key=DELIVERY_INVITATION,
            label=_("Invitation to deliver an event"),
            description=_("To an expert a coordinator invites to deliver an event in a role."),
            subject=_("Invitation to deliver: {{ event }}"),
            body=_(
                "Dear {{ name }},\n\n"
                'The STCE Programme invites you to deliver "{{ event }}" ({{ dates }}) as {{ role }}.\n\n'
                "{{ message }}\n\n"
                "Please accept or decline on your page:\n{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders=_ABOUT_A_DELIVERY,
            sample=_sample,
            order=75,
        )
    )
    register_kind(
        MessageKind(
            key=DELIVERY_REMINDER,
            label=_("Invitation to deliver: reminder"),
            description=_("To an expert who has not answered an invitation to deliver after a few days."),
            subject=_("Reminder: invitation to deliver {{ event }}"),
            body=_(
                "Dear {{ name }},\n\n"
                "You have not yet answered the invitation to deliver "
                '"{{ event }}" ({{ dates }}) as {{ role }}.\n\n'
                "Please accept or decline on your page:\n{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders=_ABOUT_A_DELIVERY,
            sample=_sample,
            order=80,
        )
    )

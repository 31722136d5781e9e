"""The messages nominations send, registered with mailing so that coordinators can edit them."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mailing.kinds import MessageKind, register_kind

INVITATION = "nomination_invitation"
PROMOTED = "nomination_promoted"
ACCEPTED = "nomination_accepted"
PARTICIPANT_LINK = "participant_link"
FOCAL_POINT_WELCOME = "focal_point_welcome"


# The placeholders every message about an event has.
_ABOUT_AN_EVENT = {
    "name": _("the recipient's name"),
    "event": _("the event's title"),
    "dates": _("the event's dates, e.g. 18–22 October 2021"),
}


def _sample() -> dict[str, str]:
    return {
        "name": "Wang Wei",
        "event": gettext("WCO STCE Programme – China National Training"),
        "dates": "18–22 October 2021",
        "country": gettext("China"),
        "seats": "3",
        "deadline": "1 October 2021",
        "nominee": "Li Na",
        "link": "https://stce.example.org/nominations/",
        "countries": gettext("China"),
        "days": "14",
    }


def register() -> None:
    register_kind(
        MessageKind(
            key=INVITATION,
            label=_("Invitation to nominate"),
            description=_("To a country's focal points when the country is invited to an event."),
            subject=_("Invitation to nominate officials: {{ event }}"),
            body=_(
                "Dear {{ name }},\n\n"
                '{{ country }} is invited to nominate up to {{ seats }} officials for "{{ event }}" '
                "({{ dates }}).\n\n"
                "Please nominate them by {{ deadline }}:\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                **_ABOUT_AN_EVENT,
                "country": _("the invited country"),
                "seats": _("the number of seats"),
                "deadline": _("the nomination deadline"),
                "link": _("a link to the focal point's nominations page"),
            },
            sample=_sample,
            order=60,
        )
    )
    register_kind(
        MessageKind(
            key=PROMOTED,
            label=_("Place offered from the waitlist"),
            description=_("To a waitlisted nominee and their focal point when a seat becomes free."),
            subject=_("A place is now available: {{ event }}"),
            body=_(
                "Dear {{ name }},\n\n"
                'A place became free on "{{ event }}" ({{ dates }}) and {{ nominee }} now has it.\n\n'
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                **_ABOUT_AN_EVENT,
                "nominee": _("the nominee's name"),
                "link": _("a link to the event or the nominations page"),
            },
            sample=_sample,
            order=61,
        )
    )
    register_kind(
        MessageKind(
            key=ACCEPTED,
            label=_("Nomination accepted"),
            description=_(
                "To a nominee when the secretariat accepts their nomination, with the link to their page."
            ),
            subject=_("Your place is confirmed: {{ event }}"),
            body=_(
                "Dear {{ name }},\n\n"
                'Your nomination for "{{ event }}" ({{ dates }}) is accepted: your place is confirmed.\n\n'
                "Your own page will show the joining details, the agenda, your attendance and your "
                "certificates:\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                **_ABOUT_AN_EVENT,
                "link": _("the link to the participant's page"),
            },
            sample=_sample,
            order=61,
        )
    )
    register_kind(
        MessageKind(
            key=PARTICIPANT_LINK,
            label=_("Link to the participant's page"),
            description=_("To a participant who asked for a new link to their page."),
            subject=_("Your page for {{ event }}"),
            body=_(
                "Dear {{ name }},\n\n"
                'Here is a new link to your page for "{{ event }}" ({{ dates }}): joining details, '
                "agenda, attendance and certificates.\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                **_ABOUT_AN_EVENT,
                "link": _("the link to the participant's page"),
            },
            sample=_sample,
            order=62,
        )
    )
    register_kind(
        MessageKind(
            key=FOCAL_POINT_WELCOME,
            label=_("Invitation to become a focal point"),
            description=_("To a new focal point, with the link to choose their password."),
            subject=_("You are invited to nominate officials for the WCO STCE Programme"),
            body=_(
                "Dear {{ name }},\n\n"
                "You are now a focal point of the WCO STCE Programme for {{ countries }}: you will "
                "be told when your administration is invited to an event, and you will nominate "
                "its officials on the Programme's site.\n\n"
                "Choose your password here (the link works once, for {{ days }} days):\n"
                "{{ link }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                "name": _("the recipient's name"),
                "countries": _("the countries the focal point nominates for"),
                "days": _("how many days the link works"),
                "link": _("the link to choose a password"),
            },
            sample=_sample,
            order=63,
        )
    )

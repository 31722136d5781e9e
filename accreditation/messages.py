"""The accreditation reminders, registered with mailing so that coordinators can edit them."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from mailing.kinds import MessageKind, register_kind

EXPIRY = "accreditation_expiry"
DIGEST = "accreditation_expiry_digest"


def _sample() -> dict[str, str]:
    return {
        "name": "Amélie Dupré",
        "date": "30 Sep 2026",
        "count": "2",
        "list": "- Amélie Dupré: 30 Sep 2026 (" + _("6 months before the end") + ")\n"
        "- Wang Wei: 31 Oct 2026 (" + _("6 months before the end") + ")",
        "link": "https://stce.example.org/accreditation/expiring/",
    }


def register() -> None:
    register_kind(
        MessageKind(
            key=EXPIRY,
            label=_lazy("Accreditation ending"),
            description=_lazy(
                "To an Accredited Customs Expert, 6 months and 1 month before their accreditation ends."
            ),
            subject=_lazy("Your STCE accreditation ends on {{ date }}"),
            body=_lazy(
                "Dear {{ name }},\n\n"
                "Your accreditation as a WCO STCE Accredited Customs Expert is valid until {{ date }}. "
                "To be renewed, deliver or attend a refresher before then and tell the STCE Programme.\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                "name": _lazy("the expert's name"),
                "date": _lazy("the last day of the accreditation"),
            },
            sample=_sample,
            order=50,
        )
    )
    register_kind(
        MessageKind(
            key=DIGEST,
            label=_lazy("Accreditations ending (to coordinators)"),
            description=_lazy("To coordinators, on the days experts are reminded: who was reminded."),
            subject=_lazy("STCE accreditations ending soon ({{ count }})"),
            body=_lazy("These accreditations end soon:\n\n{{ list }}\n\nList: {{ link }}\n"),
            placeholders={
                "count": _lazy("how many experts were reminded"),
                "list": _lazy("one line per expert: name, end date, reminder"),
                "link": _lazy("the list of ending accreditations (coordinators sign in)"),
            },
            sample=_sample,
            order=60,
        )
    )

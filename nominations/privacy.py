"""A nominee's consent, nomination letter and nomination history in their privacy export,
and gone when their data is erased. A nomination not yet accepted points at no person, so
it is found by the address too."""

from django.db.models import Q
from django.db.models.functions import Lower

from people.privacy import object_history

from .models import Nomination

ERASED_EMAIL = "erased-{pk}@erased.invalid"
PERSONAL = ("given_name", "latin_name", "position")


def _nominations(person, email: str = ""):
    wanted = Q(person=person)
    if email:
        wanted |= Q(email_key=email.lower())
    return Nomination.objects.annotate(email_key=Lower("email")).filter(wanted).select_related(
        "invitation__event", "invitation__country"
    )


def export(person) -> list[dict]:
    return [
        {
            "id": nomination.pk,
            "event": nomination.invitation.event.title,
            "country": str(nomination.invitation.country),
            "status": nomination.get_status_display(),
            "decision_reason": nomination.decision_reason,
            "consent_given_at": nomination.consent_given_at,
            "privacy_notice_version": nomination.privacy_notice_version,
            "nomination_letter": bool(nomination.letter),
            "history": object_history(nomination),
        }
        for nomination in _nominations(person, person.email or "")
    ]


def scrub_erased_nominee(sender, person, former=None, **kwargs) -> None:
    """person_erased receiver (inside the erasure's transaction): names, address, consent and
    letter go, in the live rows and their history; status and gender stay for the figures."""
    nominations = list(_nominations(person, (former or {}).get("email", "")))
    for nomination in nominations:
        # A list's letter is shared by the nominees imported with it: it goes with the last one.
        shared = Nomination.objects.filter(letter=nomination.letter.name).exclude(pk=nomination.pk)
        if nomination.letter and not shared.exists():
            nomination.letter.delete(save=False)
        erased = {
            **dict.fromkeys(PERSONAL, ""), "family_name": person.full_name,
            "email": ERASED_EMAIL.format(pk=nomination.pk), "consent_given_at": None,
            "privacy_notice_version": "", "letter": "", "decision_reason": "",
        }
        Nomination.objects.filter(pk=nomination.pk).update(**erased)
        Nomination.history.filter(id=nomination.pk).update(**erased)

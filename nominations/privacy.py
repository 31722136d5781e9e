"""A nominee's consent, nomination letter and nomination history in their privacy export,
and gone when their data is erased. A nomination not yet accepted points at no person, so
it is found by the address too."""

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from people.privacy import object_history

from .models import Nomination

ERASED_EMAIL = "erased-{pk}@erased.invalid"
PERSONAL = ("given_name", "latin_name", "position")
LETTER_FOLDER = "nominations/letters/"


def _nominations(person, email: str = ""):
    wanted = Q(person=person)
    if email:
        wanted |= Q(email_key=email.lower())
    return Nomination.objects.annotate(email_key=Lower("email")).filter(wanted).select_related(
        "invitation__event", "invitation__country", "organisation", "nominated_by__user"
    ).order_by("created_at", "pk")


def letter_name(nomination) -> str:
    return f"nomination-letter-{nomination.pk}.pdf"


def _nominated_by(nomination) -> str:
    focal_point = nomination.nominated_by
    if focal_point is None:
        return ""
    user = focal_point.user
    return f"{user.get_full_name() or user.get_username()} ({_('focal point')})"


def _row(nomination) -> dict:
    event, country = nomination.invitation.event, nomination.invitation.country
    return {
        "id": nomination.pk,
        "text": f"{event.title} – {country}",
        "event": event.title,
        "country": str(country),
        "nominated_at": nomination.created_at,
        "nominated_by": _nominated_by(nomination),
        "given_name": nomination.given_name,
        "family_name": nomination.family_name,
        "latin_name": nomination.latin_name,
        "gender": nomination.get_gender_display(),
        "position": nomination.position,
        "organisation": str(nomination.organisation or ""),
        "email": nomination.email,
        "preferred_language": nomination.get_preferred_language_display(),
        "status": nomination.get_status_display(),
        "waitlist_position": nomination.waitlist_position,
        "decision_reason": nomination.decision_reason,
        "decided_at": nomination.decided_at,
        "consent_given_at": nomination.consent_given_at,
        "privacy_notice_version": nomination.privacy_notice_version,
        # The letter itself is attached to the PDF export under this name (letters() below).
        "nomination_letter": letter_name(nomination) if nomination.letter else None,
        "history": _history(nomination),
    }


def _history(nomination) -> list[dict]:
    # The letter's storage path means nothing to the reader: name it as the attachment is named.
    entries = object_history(nomination)
    for entry in entries:
        for field, values in entry["changes"].items():
            entry["changes"][field] = [
                letter_name(nomination) if v.startswith(LETTER_FOLDER) else v for v in values
            ]
    return entries


def export(person) -> list[dict]:
    return [_row(nomination) for nomination in _nominations(person, person.email or "")]


def letters(person) -> list[tuple[str, bytes]]:
    """The nomination letters held on the person, for the PDF export (a letter missing from
    the storage is left out, not an error: the export must still be given)."""
    files = []
    for nomination in _nominations(person, person.email or "").exclude(letter=""):
        try:
            with nomination.letter.open("rb") as letter:
                files.append((letter_name(nomination), letter.read()))
        except OSError:
            continue
    return files


def _step(reason: str) -> str:
    # "Declined: <what the coordinator typed>" keeps its step only: the words may name the nominee.
    return reason.partition(": ")[0]


def scrub_erased_nominee(sender, person, former=None, **kwargs) -> None:
    """person_erased receiver (inside the erasure's transaction): names, address, consent,
    letter and the reasons typed for decisions go, in the live rows and their history; status
    and gender stay for the figures."""
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
        history = Nomination.history.filter(id=nomination.pk)
        history.update(**erased)
        for record in history.filter(history_change_reason__contains=": "):
            history.filter(history_id=record.history_id).update(
                history_change_reason=_step(record.history_change_reason)
            )

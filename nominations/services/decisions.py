"""Invitations, nominations and the coordinator's decisions on them.

Every decision is written with the deciding user and the reason on the history record
(django-simple-history), which is the project's audit trail (people/audit.py).
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment, TrainingEvent
from courses.services.enrolment import enrol, places_left, withdraw
from people.errors import DomainError
from people.models import Person
from people.names import fold_for_search
from people.services.people import create_person

from ..models import FocalPoint, Invitation, Nomination
from .mail import queue_acceptance, queue_invitation, queue_promotion

PRIVACY_NOTICE_VERSION = "2026-01"
# The history's change reason holds 100 characters.
REASON_MAX = 100
NOMINEE_FIELDS = (
    "given_name", "family_name", "latin_name", "gender", "position", "organisation", "email",
    "preferred_language",
)


def _audit(obj, by, reason: str) -> None:
    obj._history_user = by
    obj._change_reason = reason[:REASON_MAX]


@transaction.atomic
def invite_country(*, event: TrainingEvent, country, seats: int, deadline, by=None) -> Invitation:
    """Invite a country, or change the seats and deadline of its invitation."""
    if event.status == TrainingEvent.Status.CANCELLED:
        raise DomainError(_("Countries cannot be invited to a cancelled event."))
    if seats < 1:
        raise DomainError(_("A country needs at least one seat."), field="seats")
    invitation = Invitation.objects.filter(event=event, country=country).first() or Invitation(
        event=event, country=country, invited_by=by
    )
    invitation.seats = seats
    invitation.deadline = deadline
    _audit(invitation, by, "Invited")
    invitation.save()
    queue_invitation(invitation=invitation, by=by)
    return invitation


@transaction.atomic
def nominate(
    *, invitation: Invitation, values: Mapping[str, Any], consent: bool,
    focal_point: FocalPoint | None = None, letter=None, by=None,
) -> Nomination:
    """Record a nominee (a NominationForm's cleaned data). Consent to the privacy notice is
    required and stored with the notice's version and the time it was given."""
    if not consent:
        raise DomainError(_("The nominee's consent to the privacy notice is required."), field="consent")
    if invitation.deadline < timezone.localdate():
        raise DomainError(_("The nomination deadline has passed."))
    email = (values.get("email") or "").strip()
    taken = invitation.nominations.annotate(key=Lower("email")).filter(key=email.lower())
    if taken.exists():
        raise DomainError(_("This official is already nominated."), field="email")
    nomination = Nomination(
        invitation=invitation, nominated_by=focal_point, consent_given_at=timezone.now(),
        privacy_notice_version=PRIVACY_NOTICE_VERSION,
    )
    for field in NOMINEE_FIELDS:
        if field in values:
            setattr(nomination, field, values[field])
    nomination.email = email
    _audit(nomination, by, "Nominated")
    nomination.save()
    if letter is not None:
        # Saved once the row has its id: the file is stored under it, never under its own name.
        nomination.letter.save("letter.pdf", letter, save=False)
        _audit(nomination, by, "Nomination letter attached")
        nomination.save(update_fields=["letter"])
    return nomination


def matching_person(nomination: Nomination) -> Person | None:
    """The directory's person for a nominee, matched as the participant import matches: the
    e-mail address in any case, else one person of the same country with the same names."""
    by_email = Person.objects.annotate(key=Lower("email")).filter(key=nomination.email.lower()).first()
    if by_email:
        return by_email
    wanted = fold_for_search(nomination.given_name, nomination.family_name)
    same_name = [
        person for person in Person.objects.filter(
            country_id=nomination.invitation.country_id, erased_at__isnull=True,
            family_name__iexact=nomination.family_name,
        )
        if fold_for_search(person.given_name, person.family_name) == wanted
    ]
    return same_name[0] if len(same_name) == 1 else None


def _person_for(nomination: Nomination, by) -> Person:
    person = matching_person(nomination)
    if person:
        return person
    values = {field: getattr(nomination, field) for field in NOMINEE_FIELDS}
    values["country"] = nomination.invitation.country
    return create_person(values=values, by=by)


def _seat_free(invitation: Invitation) -> bool:
    accepted = invitation.nominations.filter(status=Nomination.Status.ACCEPTED).count()
    left = places_left(invitation.event)
    return accepted < invitation.seats and (left is None or left > 0)


def _next_waitlist_position(event: TrainingEvent) -> int:
    top = Nomination.objects.filter(invitation__event=event).aggregate(m=Max("waitlist_position"))["m"]
    return (top or 0) + 1


def _locked(nomination: Nomination) -> Nomination:
    # Lock the event first: two coordinators deciding at once must not both take the last seat.
    TrainingEvent.objects.select_for_update().get(pk=nomination.invitation.event_id)
    return Nomination.objects.select_for_update().select_related("invitation__event").get(pk=nomination.pk)


def _enrol(nomination: Nomination, by, reason: str) -> Nomination:
    person = _person_for(nomination, by)
    nomination.enrolment = enrol(event=nomination.invitation.event, person=person, by=by)
    nomination.person = person
    nomination.status = Nomination.Status.ACCEPTED
    nomination.waitlist_position = None
    nomination.decision_reason = reason
    nomination.decided_at = timezone.now()
    _audit(nomination, by, f"Accepted: {reason}" if reason else "Accepted")
    nomination.save()
    return nomination


@transaction.atomic
def accept(*, nomination: Nomination, reason: str = "", by=None) -> Nomination:
    """Accept a nominee: they are enrolled (matched to the directory, never duplicated). Beyond
    the country's seats or the event's capacity they go on the event's waitlist instead."""
    nomination = _locked(nomination)
    if nomination.status == Nomination.Status.ACCEPTED:
        return nomination
    if nomination.status == Nomination.Status.WITHDRAWN:
        raise DomainError(_("A withdrawn nomination cannot be accepted."))
    reason = (reason or "").strip()
    if _seat_free(nomination.invitation):
        nomination = _enrol(nomination, by, reason)
        queue_acceptance(nomination=nomination, by=by)
        return nomination
    if nomination.status != Nomination.Status.WAITLISTED:
        nomination.status = Nomination.Status.WAITLISTED
        nomination.waitlist_position = _next_waitlist_position(nomination.invitation.event)
        nomination.decision_reason = reason
        nomination.decided_at = timezone.now()
        _audit(nomination, by, "Waitlisted: no seat left")
        nomination.save()
    return nomination


@transaction.atomic
def decline(*, nomination: Nomination, reason: str, by=None) -> Nomination:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give a reason for declining."), field="reason")
    nomination = _locked(nomination)
    if nomination.status in (Nomination.Status.ACCEPTED, Nomination.Status.WITHDRAWN):
        raise DomainError(_("Only a pending or waitlisted nomination can be declined."))
    nomination.status = Nomination.Status.DECLINED
    nomination.waitlist_position = None
    nomination.decision_reason = reason
    nomination.decided_at = timezone.now()
    _audit(nomination, by, f"Declined: {reason}")
    nomination.save()
    return nomination


def next_waitlisted(event: TrainingEvent) -> Nomination | None:
    """The first waitlisted nominee, in waitlist order, whose country still has a seat."""
    waiting = (
        Nomination.objects.filter(invitation__event=event, status=Nomination.Status.WAITLISTED)
        .select_related("invitation__event").order_by("waitlist_position", "pk")
    )
    for candidate in waiting:
        if _seat_free(candidate.invitation):
            return candidate
    return None


@transaction.atomic
def withdraw_nomination(
    *, nomination: Nomination, reason: str = "", by=None
) -> tuple[Nomination, Nomination | None]:
    """Withdraw a nominee (and their enrolment, which is kept, marked withdrawn). An accepted
    nominee's seat goes to the next on the waitlist; returns (withdrawn, promoted or None)."""
    nomination = _locked(nomination)
    if nomination.status == Nomination.Status.WITHDRAWN:
        return nomination, None
    was_accepted = nomination.status == Nomination.Status.ACCEPTED
    reason = (reason or "").strip()
    if nomination.enrolment_id and nomination.enrolment.status == Enrolment.Status.ENROLLED:
        nomination.enrolment = withdraw(enrolment=nomination.enrolment, reason=reason)
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.waitlist_position = None
    nomination.decision_reason = reason
    nomination.decided_at = timezone.now()
    _audit(nomination, by, f"Withdrawn: {reason}" if reason else "Withdrawn")
    nomination.save()
    promoted = None
    if was_accepted:
        candidate = next_waitlisted(nomination.invitation.event)
        if candidate:
            promoted = _enrol(candidate, by, "Promoted from the waitlist")
            queue_promotion(nomination=promoted, by=by)
    return nomination, promoted

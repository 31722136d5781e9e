"""Joining instructions: the event's details by e-mail to participants and trainers, with its .ics."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from courses.models import Enrolment, TrainerAssignment, TrainingEvent
from courses.services.icalendar import calendar
from people.errors import DomainError
from people.links import absolute_url


@dataclass
class JoiningOutcome:
    sent: int
    without_email: list[str]


def recipients(event: TrainingEvent):
    """(person, role label) for every enrolled participant and every trainer, each once."""
    seen = set()
    people = []
    for assignment in TrainerAssignment.objects.filter(event=event).select_related("person"):
        seen.add(assignment.person_id)
        people.append((assignment.person, assignment.get_role_display()))
    for enrolment in Enrolment.objects.active().filter(event=event).select_related("person"):
        if enrolment.person_id not in seen:
            seen.add(enrolment.person_id)
            people.append((enrolment.person, _("Participant")))
    return people


def send_joining_instructions(*, event: TrainingEvent, message: str = "") -> JoiningOutcome:
    """E-mail each participant and trainer the event's details in their language, .ics attached.

    Not atomic on purpose: mail already handed to the server cannot be taken back.
    """
    if event.status in (TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT):
        raise DomainError(
            _("Joining instructions are not sent for a %(status)s event.")
            % {"status": event.get_status_display().lower()}
        )
    # A double click must not mail everyone twice: the same message for the same event is
    # sent at most once every two minutes (the cache is shared by every app server).
    fingerprint = hashlib.sha256(f"{event.pk}:{event.updated_at}:{message}".encode()).hexdigest()[:32]
    if not cache.add(f"joining-instructions:{fingerprint}", True, timeout=120):
        raise DomainError(_("These joining instructions were sent a moment ago."))
    ics = calendar([event], name=event.title)
    emails, without_email = [], []
    for person, role in recipients(event):
        if not person.email:
            without_email.append(person.full_name)
            continue
        with translation.override(person.preferred_language):
            context = {
                "event": event,
                "person": person,
                "role": role,
                "message": message,
                "url": absolute_url(event.get_absolute_url()),
            }
            subject = _("Joining instructions: %(title)s") % {"title": event.title}
            body = render_to_string("courses/email/joining_instructions.txt", context)
        mail = EmailMessage(subject=subject, body=body, to=[person.email])
        mail.attach("event.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
        emails.append(mail)
    if not emails:
        raise DomainError(_("Nobody on this event has an e-mail address."))
    get_connection().send_messages(emails)
    return JoiningOutcome(sent=len(emails), without_email=without_email)

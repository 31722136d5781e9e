"""What courses e-mail to the people of an event: joining instructions, a change of dates,
the reminder before it starts. Each is queued through mailing (a worker sends it) in the
recipient's language, with the event's calendar file, and says everything without an
account: trainers who sign in get the event's page, everyone else a personal signed link.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from background.models import Job
from background.services.jobs import start_job
from courses.dates import format_date, format_date_range, format_day
from courses.messages import DATE_CHANGE, INFORMED, JOINING, REMINDER
from courses.models import AgendaItem, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from courses.services.event_rules import mailing_refusal, refuse
from courses.services.icalendar import calendar
from courses.services.personal_links import personal_url
from mailing.kinds import kind_for
from mailing.log import people_informed
from mailing.rendering import Rendered, render, wording
from mailing.services.outbox import Draft, queue_messages, store_attachment
from people.errors import DomainError
from people.links import absolute_url

PARTICIPANT = gettext_lazy("Participant")
CALENDAR_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"


@dataclass
class Recipient:
    person: object
    role: object  # a lazy label, read in the recipient's language
    trainer: bool

    @property
    def has_email(self) -> bool:
        return bool(self.person.email)


@dataclass
class Outcome:
    job: Job | None
    queued: int
    without_email: list[str]


def recipients(event: TrainingEvent) -> list[Recipient]:
    """Every trainer and every enrolled participant of the event, each once (two queries)."""
    seen, people = set(), []
    for assignment in (
        TrainerAssignment.objects.filter(event=event)
        .select_related("person")
        .order_by("role", "person__family_name", "pk")
    ):
        seen.add(assignment.person_id)
        people.append(Recipient(assignment.person, TrainerAssignment.Role(assignment.role).label, True))
    for enrolment in (
        Enrolment.objects.active()
        .filter(event=event)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    ):
        if enrolment.person_id not in seen:
            seen.add(enrolment.person_id)
            people.append(Recipient(enrolment.person, PARTICIPANT, False))
    return people


def event_with_agenda(event: TrainingEvent) -> TrainingEvent:
    """The event again, with what its messages and calendar file read prefetched."""
    return TrainingEvent.objects.prefetch_related(
        "languages",
        "date_changes",
        Prefetch(
            "days",
            EventDay.objects.prefetch_related(
                Prefetch(
                    "items",
                    AgendaItem.objects.select_related("module").prefetch_related("module__translations"),
                )
            ),
        ),
    ).get(pk=event.pk)


def _agenda_lines(event: TrainingEvent) -> list[str]:
    lines = []
    for number, day in enumerate(event.days.all(), start=1):
        title = f" — {day.title}" if day.title else ""
        lines.append(_("Day %(n)s") % {"n": number} + f" · {format_day(day.date)}{title}")
        for item in day.items.all():
            when = ""
            if item.start_time:
                when = item.start_time.strftime("%H:%M")
                if item.end_time:
                    when += "–" + item.end_time.strftime("%H:%M")
            # The module's title in the recipient's language (the one active here) where it has one.
            item_title = item.title or (item.module.localised().title if item.module_id else "")
            lines.append(f"  {when:<12} {item_title}".rstrip())
    return lines


def event_details(event: TrainingEvent) -> str:
    """The practical details in the active language, as lines of plain text."""
    lines = [
        f"{_('Dates')}: {format_date_range(event.start_date, event.end_date)} "
        f"({_('time zone')}: {event.time_zone})",
        f"{_('Format')}: {event.get_format_display()}",
    ]
    if event.venue:
        lines.append(f"{_('Venue')}: {event.venue}")
    if event.platform:
        lines.append(f"{_('Online platform')}: {event.platform}")
    languages = ", ".join(language.name for language in event.languages.all())
    if languages:
        lines.append(f"{_('Languages')}: {languages}")
    agenda = _agenda_lines(event)
    if agenda:
        lines += ["", _("Agenda (times in the event's time zone)") + ":", *agenda]
    return "\n".join(lines)


class _Texts:
    """Per-language texts shared by every recipient of one batch (computed once per language)."""

    def __init__(self, event: TrainingEvent):
        self.event = event
        self._by_language: dict[str, dict[str, str]] = {}

    def __call__(self, language: str) -> dict[str, str]:
        if language not in self._by_language:
            event = self.event
            with translation.override(language):
                self._by_language[language] = {
                    "event": event.title,
                    "dates": format_date_range(event.start_date, event.end_date),
                    "start": format_date(event.start_date),
                    "details": event_details(event),
                }
        return self._by_language[language]


def _link(event: TrainingEvent, recipient: Recipient) -> str:
    # A trainer with an account reads the event's page; anyone else would meet a sign-in page.
    if recipient.trainer and recipient.person.user_id:
        return absolute_url(event.get_absolute_url())
    return personal_url(event, recipient.person)


def values_for(event: TrainingEvent, recipient: Recipient, texts: _Texts, **extra) -> dict[str, str]:
    language = recipient.person.preferred_language
    with translation.override(language):
        values = {
            **texts(language),
            "name": recipient.person.full_name,
            "role": str(recipient.role),
            "link": _link(event, recipient),
        }
        values.update({key: str(value() if callable(value) else value) for key, value in extra.items()})
    return values


def _calendar_file(event: TrainingEvent) -> dict:
    return store_attachment(
        filename="event.ics", content=calendar([event], name=event.title, links=False), mimetype=CALENDAR_TYPE
    )


def _queue(*, event, kind, people, by, title, key, extra) -> Outcome:
    """One message of `kind` to each of `people` with an address, as a job with progress."""
    texts = _Texts(event)
    attachment = _calendar_file(event)
    job = start_job(
        kind="mail",
        title=title,
        by=by,
        finishes_when_counted=True,
        result_url=reverse("courses:event-emails", args=[event.pk]),
    )
    reply_to = (getattr(by, "email", "") or "") if by is not None else ""
    drafts = [
        Draft(
            kind=kind,
            to=recipient.person.email,
            language=recipient.person.preferred_language,
            values=values_for(event, recipient, texts, **extra),
            dedupe_key=f"{key}:{recipient.person.pk}",
            person_id=recipient.person.pk,
            gender=recipient.person.gender,
            topic=("event", event.pk),
            attachments=[attachment],
            reply_to=reply_to,
        )
        for recipient in people
        if recipient.has_email
    ]
    queued = queue_messages(drafts=drafts, by=by, job=job)
    return Outcome(
        job=job, queued=len(queued), without_email=[r.person.full_name for r in people if not r.has_email]
    )


def _check_sendable(event: TrainingEvent) -> None:
    refuse(mailing_refusal(event))


@transaction.atomic
def send_joining_instructions(*, event: TrainingEvent, message: str = "", by=None) -> Outcome:
    """Queue the joining instructions for every participant and trainer with an address.

    A worker sends them; the returned job shows the progress. The same instructions sent
    twice within two minutes (a double click) are refused.
    """
    _check_sendable(event)
    people = recipients(event)
    if not any(r.has_email for r in people):
        raise DomainError(_("Nobody on this event has an e-mail address."))
    # The cache is shared by every app server, so a double click on two servers is caught too.
    fingerprint = hashlib.sha256(f"{event.pk}:{event.updated_at}:{message}".encode()).hexdigest()[:32]
    if not cache.add(f"joining-instructions:{fingerprint}", True, timeout=120):
        raise DomainError(_("These joining instructions were sent a moment ago."))
    event = event_with_agenda(event)
    return _queue(
        event=event,
        kind=JOINING,
        people=people,
        by=by,
        title=_("Joining instructions: %(title)s") % {"title": event.title},
        key=f"joining:{event.pk}:{fingerprint}",
        extra={"message": message.strip()},
    )


def preview(event: TrainingEvent, recipient: Recipient, *, kind: str, **extra) -> tuple[Rendered, list[str]]:
    """Exactly what this recipient would get: subject and text, and the files attached."""
    event = event_with_agenda(event)
    message_kind = kind_for(kind)
    values = values_for(event, recipient, _Texts(event), **extra)
    language = recipient.person.preferred_language
    rendered = render(
        wording(message_kind, language), values, language=language, gender=recipient.person.gender
    )
    return rendered, ["event.ics"]


# ------------------------------------------------------------------ after a change of dates


@dataclass
class DateChangeNotice:
    change: object
    people: list[Recipient]


def pending_date_change(event: TrainingEvent) -> DateChangeNotice | None:
    """The latest change of dates, with the people informed of the event before it and sent
    nothing since (whatever they got since carries the new dates); None when there is nobody."""
    change = event.date_changes.order_by("-changed_at", "-pk").first()
    if change is None:
        return None
    before = people_informed("event", event.pk, INFORMED, before=change.changed_at)
    if not before:
        return None
    since = people_informed("event", event.pk, INFORMED, since=change.changed_at)
    people = [r for r in recipients(event) if r.person.pk in before - since and r.has_email]
    return DateChangeNotice(change, people) if people else None


def _date_change_values(change, message: str) -> dict:
    return {
        "message": message.strip(),
        "reason": change.reason,
        # Read in each recipient's language (values_for calls it under their language).
        "old_dates": lambda: format_date_range(change.old_start_date, change.old_end_date),
    }


@transaction.atomic
def send_date_change(*, event: TrainingEvent, message: str = "", by=None) -> Outcome:
    """Tell everyone informed of the event before its latest change of dates about the new ones."""
    _check_sendable(event)
    notice = pending_date_change(event)
    if notice is None:
        raise DomainError(_("Everyone informed of this event was already told of its new dates."))
    event = event_with_agenda(event)
    return _queue(
        event=event,
        kind=DATE_CHANGE,
        people=notice.people,
        by=by,
        title=_("New dates: %(title)s") % {"title": event.title},
        key=f"date-change:{event.pk}:{notice.change.pk}",
        extra=_date_change_values(notice.change, message),
    )


def date_change_preview(event: TrainingEvent, recipient: Recipient, change, message: str = ""):
    return preview(event, recipient, kind=DATE_CHANGE, **_date_change_values(change, message))


# ------------------------------------------------------------------ the reminder before the event


def events_to_remind(day: datetime.date, days_before: int):
    return TrainingEvent.objects.filter(
        start_date=day + datetime.timedelta(days=days_before),
        status__in=(TrainingEvent.Status.PLANNED, TrainingEvent.Status.CONFIRMED),
    )


@transaction.atomic
def queue_event_reminders(*, day: datetime.date, days_before: int) -> int:
    """Remind everyone informed of each event starting `days_before` days after `day`; run
    daily by the workers. Each person is reminded once per event and start date, however
    often this runs."""
    queued = 0
    for event in events_to_remind(day, days_before):
        informed = people_informed("event", event.pk, INFORMED)
        people = [r for r in recipients(event) if r.person.pk in informed and r.has_email]
        if not people:
            continue
        event = event_with_agenda(event)
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Reminder: %(title)s") % {"title": event.title}
        outcome = _queue(
            event=event,
            kind=REMINDER,
            people=people,
            by=None,
            title=title,
            key=f"reminder:{event.pk}:{event.start_date.isoformat()}",
            extra={},
        )
        queued += outcome.queued
    return queued

"""Reminding experts and coordinators that an accreditation is about to end."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accreditation.messages import DIGEST, EXPIRY
from accreditation.models import Expert, ExpiryNotice, subtract_months
from courses.dates import format_date
from mailing.services.outbox import Draft, queue_messages
from people import roles
from people.links import absolute_url
from people.models import UserPreference

STAGE_MONTHS = {ExpiryNotice.Stage.SIX_MONTHS: 6, ExpiryNotice.Stage.ONE_MONTH: 1}


def due_stage(valid_until: datetime.date, today: datetime.date) -> str | None:
    """The reminder due today for this end date: the nearest stage whose day has come."""
    if valid_until < today:
        return None
    if today >= subtract_months(valid_until, 1):
        return ExpiryNotice.Stage.ONE_MONTH
    if today >= subtract_months(valid_until, 6):
        return ExpiryNotice.Stage.SIX_MONTHS
    return None


def _coordinators() -> list:
    users = get_user_model().objects.filter(groups__name=roles.COORDINATOR, is_active=True).exclude(email="")
    return sorted({u.email: u for u in users}.values(), key=lambda u: u.email)


def _date(day: datetime.date, language: str) -> str:
    """"23 ноября 2026 г.", never "23 Nov 2026", in the expert's own language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return format_date(day)


def _remind(expert: Expert, stage: str) -> ExpiryNotice | None:
    """Record the notice and queue the expert's e-mail together; None if another run did."""
    try:
        with transaction.atomic():
            notice = ExpiryNotice.objects.create(expert=expert, valid_until=expert.valid_until, stage=stage)
            if expert.person.email:
                queue_messages(
                    drafts=[
                        Draft(
                            kind=EXPIRY,
                            to=expert.person.email,
                            language=expert.person.preferred_language,
                            values={
                                "name": expert.person.full_name,
                                "date": _date(expert.valid_until, expert.person.preferred_language),
                            },
                            dedupe_key=f"expiry:{expert.pk}:{expert.valid_until}:{stage}",
                            person_id=expert.person_id,
                            gender=expert.person.gender,
                            topic=("expert", expert.pk),
                        )
                    ]
                )
    except IntegrityError:
        return None  # another run sent this notice a moment ago
    return notice


def _digest(sent: list[ExpiryNotice], today: datetime.date) -> None:
    coordinators = _coordinators()
    if not sent or not coordinators:
        return
    languages = dict(UserPreference.objects.filter(user__in=coordinators).values_list("user_id", "language"))
    drafts = []
    for user in coordinators:
        language = languages.get(user.pk) or settings.LANGUAGE_CODE
        with translation.override(language):
            lines = "\n".join(
                f"- {n.expert.person.full_name}: {format_date(n.valid_until)} ({n.get_stage_display()})"
                for n in sent
            )
        drafts.append(
            Draft(
                kind=DIGEST,
                to=user.email,
                language=language,
                values={
                    "count": str(len(sent)),
                    "list": lines,
                    "link": absolute_url(reverse("accreditation:expiring")),
                },
                dedupe_key=f"expiry-digest:{today}:{user.pk}:{sent[0].pk}",
            )
        )
    queue_messages(drafts=drafts)


def send_expiry_notices(*, today: datetime.date | None = None) -> list[ExpiryNotice]:
    """Queue an e-mail to each expert whose accreditation ends within 6 months, once per stage.

    Safe to run every day: a notice is recorded with its e-mail, and the unique constraint on
    (expert, end date, stage) stops a second run queuing it again. Coordinators get one digest
    per run listing the experts reminded. The workers send the e-mails.
    """
    today = today or timezone.localdate()
    sent: list[ExpiryNotice] = []
    for expert in Expert.objects.expiring_within(months=6, today=today).select_related("person"):
        stage = due_stage(expert.valid_until, today)
        if stage is None:
            continue
        if (
            stage == ExpiryNotice.Stage.SIX_MONTHS
            and ExpiryNotice.objects.filter(expert=expert, valid_until=expert.valid_until).exists()
        ):
            continue
        notice = _remind(expert, stage)
        if notice is not None:
            sent.append(notice)
    _digest(sent, today)
    return sent

"""Reminding experts and coordinators that an accreditation is about to end."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accreditation.models import Expert, ExpiryNotice, subtract_months
from people import roles
from people.links import absolute_url

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


def _coordinator_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=roles.COORDINATOR, is_active=True)
    return sorted({u.email for u in users if u.email})


def send_expiry_notices(*, today: datetime.date | None = None) -> list[ExpiryNotice]:
    """E-mail each expert whose accreditation ends within 6 months, once per stage.

    Safe to run every day: a notice is recorded before its e-mail goes, and the unique
    constraint on (expert, end date, stage) stops a second run sending it again. Coordinators
    get one digest per run listing the experts reminded.
    """
    today = today or timezone.localdate()
    sent: list[ExpiryNotice] = []
    for expert in Expert.objects.expiring_within(months=6, today=today).select_related("person"):
        stage = due_stage(expert.valid_until, today)
        if stage is None:
            continue
        if stage == ExpiryNotice.Stage.SIX_MONTHS and ExpiryNotice.objects.filter(
            expert=expert, valid_until=expert.valid_until
        ).exists():
            continue
        try:
            with transaction.atomic():
                notice = ExpiryNotice.objects.create(
                    expert=expert, valid_until=expert.valid_until, stage=stage
                )
                if expert.person.email:
                    with translation.override(expert.person.preferred_language):
                        end = f"{expert.valid_until:%d %b %Y}"
                        send_mail(
                            _("Your STCE accreditation ends on %(date)s") % {"date": end},
                            _("Dear %(name)s,\n\nYour accreditation as a WCO STCE Accredited Customs "
                              "Expert is valid until %(date)s. To be renewed, deliver or attend a "
                              "refresher before then and tell the STCE Programme.\n")
                            % {"name": expert.person.full_name, "date": end},
                            settings.DEFAULT_FROM_EMAIL, [expert.person.email],
                        )
        except IntegrityError:
            continue  # another run sent this notice a moment ago
        sent.append(notice)
    recipients = _coordinator_emails()
    if sent and recipients:
        lines = [
            f"- {n.expert.person.full_name}: {n.valid_until:%d %b %Y} ({n.get_stage_display()})"
            for n in sent
        ]
        send_mail(
            _("STCE accreditations ending soon (%(count)d)") % {"count": len(sent)},
            _("These accreditations end soon:\n\n%(lines)s\n\nList: %(url)s\n")
            % {"lines": "\n".join(lines),
               "url": absolute_url(reverse("accreditation:expiring"))},
            settings.DEFAULT_FROM_EMAIL, recipients,
        )
    return sent

"""Background work of accreditation: the daily expiry reminders and the reminders of invitations
to deliver (BACKGROUND_SCHEDULES)."""

import datetime

from django_tasks import task

from accreditation.services.invitations import expire_started_invitations, remind_pending_invitations
from accreditation.services.notifications import send_expiry_notices
from background.retry import retry


@retry(max_attempts=5, base=60)
@task()
def send_expiry_reminders(day: str) -> int:
    """Queue today's reminders; run twice for a day, it queues nothing new."""
    return len(send_expiry_notices(today=datetime.date.fromisoformat(day)))


@retry(max_attempts=5, base=60)
@task()
def remind_delivery_invitations(day: str) -> int:
    """Expire invitations whose event has started, then remind experts of those long pending."""
    today = datetime.date.fromisoformat(day)
    expire_started_invitations(today=today)
    return remind_pending_invitations(today=today)

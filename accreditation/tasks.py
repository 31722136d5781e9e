"""Background work of accreditation: the daily expiry reminders (BACKGROUND_SCHEDULES)."""

import datetime

from django_tasks import task

from accreditation.services.notifications import send_expiry_notices
from background.retry import retry


@retry(max_attempts=5, base=60)
@task()
def send_expiry_reminders(day: str) -> int:
    """Queue today's reminders; run twice for a day, it queues nothing new."""
    return len(send_expiry_notices(today=datetime.date.fromisoformat(day)))

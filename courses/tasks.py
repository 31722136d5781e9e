"""Background work of courses: the daily reminders before events, and large imports."""

import datetime

from django.conf import settings
from django_tasks import task

from background.retry import retry
from courses.services.events import mark_events_that_took_place
from courses.services.joining import queue_event_reminders


@retry(max_attempts=5, base=60)
@task()
def send_event_reminders(day: str) -> int:
    """Daily (BACKGROUND_SCHEDULES): remind the people of events starting a week after `day`.
    Run twice for a day, it queues nothing new (each reminder has its own key)."""
    if settings.STCE_EVENT_REMINDER_DAYS <= 0:
        return 0
    return queue_event_reminders(
        day=datetime.date.fromisoformat(day), days_before=settings.STCE_EVENT_REMINDER_DAYS
    )


@retry(max_attempts=5, base=60)
@task()
def mark_trainings_that_took_place(day: str) -> int:
    """Daily (BACKGROUND_SCHEDULES), just after midnight: yesterday's last days become
    delivered trainings in the figures (the dashboards also do it when they are read)."""
    return mark_events_that_took_place(today=datetime.date.fromisoformat(day))


@retry(max_attempts=3, base=30)
@task()
def commit_participant_import(
    job_id: str, event_id: int, token: str, filename: str, by_id: int | None, resolutions: dict | None = None
) -> str:
    """Write a large previewed import (see courses.services.import_jobs)."""
    from courses.services.import_jobs import run_import

    return run_import(
        job_id=job_id, event_id=event_id, token=token, filename=filename, by_id=by_id, resolutions=resolutions
    )

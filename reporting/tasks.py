"""Background work of reporting: the scheduled reports (BACKGROUND_SCHEDULES, daily)."""

import datetime

from django_tasks import task

from background.queue import enqueue
from background.retry import retry


@retry(max_attempts=3, base=60)
@task()
def produce_due_reports(day: str) -> int:
    """Enqueue one task per active schedule whose last whole period has no report yet."""
    from reporting.models import ProducedReport, ReportSchedule
    from reporting.periods import last_complete_period

    today = datetime.date.fromisoformat(day)
    queued = 0
    for schedule in ReportSchedule.objects.filter(active=True):
        start, end = last_complete_period(schedule.frequency, today)
        if ProducedReport.objects.filter(schedule=schedule, period_start=start, period_end=end).exists():
            continue
        enqueue(produce_scheduled_report, schedule.pk, start.isoformat(), end.isoformat())
        queued += 1
    return queued


@retry(max_attempts=3, base=300)
@task()
def produce_scheduled_report(schedule_id: int, start: str, end: str) -> int | None:
    from reporting.models import ReportSchedule
    from reporting.services.reports import produce_scheduled

    schedule = ReportSchedule.objects.filter(pk=schedule_id, active=True).first()
    if schedule is None:
        return None
    report = produce_scheduled(schedule, datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))
    return report.pk if report else None

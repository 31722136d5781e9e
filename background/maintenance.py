"""What every worker does besides running tasks: crash recovery and the daily schedules.

The database backend has no lease: a task whose worker was killed (kill -9, out of memory, a
machine lost) would stay RUNNING for ever. Two reapers put it back:
- at start, a worker takes back what its previous life left RUNNING under the same stable
  worker id (`reap_own`);
- every few seconds, any worker takes back tasks RUNNING for longer than
  BACKGROUND_STALE_AFTER_SECONDS, whose machine never came back (`reap_stale`).
A task that already used every attempt is marked failed instead ("worker lost"), so a task
that kills its worker cannot loop for ever. Tasks are written to be run twice safely.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.models import ScheduledRun
from background.retry import policy_for

logger = logging.getLogger(__name__)
WORKER_LOST = "background.WorkerLost"


def _take_back(row: DBTaskResult, why: str) -> bool:
    attempts = len(row.worker_ids)
    if attempts >= policy_for(row.task_path).max_attempts:
        changes = {
            "status": TaskResultStatus.FAILED,
            "finished_at": timezone.now(),
            "exception_class_path": WORKER_LOST,
            "traceback": f"The worker {row.worker_ids[-1:]} was lost ({why}) after {attempts} attempts.",
        }
    else:
        changes = {"status": TaskResultStatus.READY, "run_after": timezone.now()}
    # Only if nobody else took it back meanwhile: still RUNNING under the same claims.
    moved = DBTaskResult.objects.filter(
        id=row.id, status=TaskResultStatus.RUNNING, worker_ids=row.worker_ids
    ).update(**changes)
    if moved:
        logger.warning("task %s (%s) taken back: %s -> %s", row.id, row.task_path, why, changes["status"])
    return bool(moved)


def reap_own(worker_id: str) -> int:
    """At a worker's start: tasks still RUNNING under its own id are orphans of its last life."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "task_path", "worker_ids"
    )
    return sum(
        _take_back(row, "the same worker started again")
        for row in running
        if row.worker_ids and row.worker_ids[-1] == worker_id
    )


def reap_stale(now: datetime.datetime | None = None) -> int:
    """Tasks RUNNING for longer than any task may run: their worker is gone."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.BACKGROUND_STALE_AFTER_SECONDS)
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    return sum(_take_back(row, "running for too long") for row in stale.only("id", "task_path", "worker_ids"))


def due_schedules(now: datetime.datetime) -> list[tuple[str, str]]:
    """(name, task path) of the schedules whose time of day has come, in local time."""
    local = timezone.localtime(now)
    due = []
    for name, (task_path, at) in settings.BACKGROUND_SCHEDULES.items():
        hour, minute = (int(part) for part in at.split(":"))
        if (local.hour, local.minute) >= (hour, minute):
            due.append((name, task_path))
    return due


def run_due_schedules(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue each schedule due today that no worker has enqueued yet; any number of workers
    may call this at once. A day missed while every worker was down is caught up once, the
    same day; earlier days are not."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    started = []
    for name, task_path in due_schedules(now):
        if ScheduledRun.objects.filter(name=name, day=today).exists():
            continue
        try:
            with transaction.atomic():
                # The unique (name, day) row is the lock; the task row commits with it.
                run = ScheduledRun.objects.create(name=name, day=today)
                result = import_string(task_path).enqueue(day=today.isoformat())
                ScheduledRun.objects.filter(pk=run.pk).update(task_result_id=str(result.id))
        except IntegrityError:
            continue  # another worker enqueued it a moment ago
        logger.info("schedule %s for %s enqueued as task %s", name, today, result.id)
        started.append(name)
    return started


def run_housekeeping() -> None:
    """The clean-ups of BACKGROUND_HOUSEKEEPING (dotted paths, so this app names none of the
    apps above it); one that fails is logged and does not stop the others."""
    for path in getattr(settings, "BACKGROUND_HOUSEKEEPING", []):
        try:
            import_string(path)()
        except Exception:
            logger.exception("housekeeping %s failed", path)


def maintenance_pass() -> None:
    reap_stale()
    run_due_schedules()
    run_housekeeping()

"""What a job's progress page and its JSON say, from the job and its task."""

from django.utils.translation import gettext as _
from django_tasks_db.compat import TaskResultStatus

from background.models import Job
from background.queue import transactional


def _task_row(job: Job):
    if not job.task_result_id or not transactional():
        return None
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.filter(id=job.task_result_id).only("status", "worker_ids", "run_after").first()
    )


def task_lost(job: Job, row=None) -> bool:
    """The task of an unfinished job failed for good (it is among the failed tasks)."""
    row = row if row is not None else _task_row(job)
    return not job.is_finished and row is not None and row.status == TaskResultStatus.FAILED


def status_text(job: Job, row=None) -> str:
    row = row if row is not None else _task_row(job)
    if task_lost(job, row):
        return _("The work stopped on an error. An administrator can see it among the failed tasks.")
    if job.is_finished:
        return job.outcome or _("Finished.")
    if row is not None and row.status == TaskResultStatus.READY and row.worker_ids:
        return _("A problem occurred; the work will be tried again shortly.")
    if job.state == Job.State.QUEUED:
        return _("Waiting for a background worker…")
    return job.phase or _("Working…")


def as_json(job: Job) -> dict:
    notes = list(job.notes.order_by("-pk").values_list("text", flat=True)[:10])
    row = _task_row(job)
    lost = task_lost(job, row)
    return {
        "id": str(job.pk),
        "title": job.title,
        "state": Job.State.FAILED if lost else job.state,
        "status": status_text(job, row),
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "percent": job.percent,
        "finished": job.is_finished or lost,
        "notes": notes[::-1],
    }

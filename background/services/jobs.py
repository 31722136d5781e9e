"""Starting a job and recording its progress.

A task advances its job in the same transaction as the work it counts, so that a task run
twice after a crash never counts twice (`advance` is an UPDATE of counters, no read).
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from background.models import Job, JobNote

MAX_NOTES = 200  # a batch with thousands of problems keeps the first ones; the counts stay exact


@transaction.atomic
def start_job(
    *,
    kind: str,
    title: str,
    by=None,
    total: int = 0,
    result_url: str = "",
    finishes_when_counted: bool = False,
) -> Job:
    """A job in the language of the person starting it; its page is `job.get_absolute_url()`."""
    return Job.objects.create(
        kind=kind,
        title=str(title)[:250],
        language=translation.get_language() or "en",
        created_by=by if getattr(by, "is_authenticated", False) else None,
        total=total,
        result_url=result_url,
        finishes_when_counted=finishes_when_counted,
    )


@transaction.atomic
def attach_task(*, job: Job, result) -> None:
    """Remember which task runs the job, so that its page can tell a task that failed for good."""
    if result is not None:
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))


@transaction.atomic
def advance(*, job_id, done: int = 0, failed: int = 0) -> None:
    """Count items done or failed (negative numbers move an item from one count to the other)."""
    if job_id is None or not (done or failed):
        return
    Job.objects.filter(pk=job_id).update(
        done=F("done") + done, failed=F("failed") + failed, state=Job.State.RUNNING, updated_at=timezone.now()
    )


@transaction.atomic
def set_progress(
    *,
    job_id,
    phase: str | None = None,
    total: int | None = None,
    done: int | None = None,
    failed: int | None = None,
) -> None:
    """Set the phase and counts outright, e.g. when a task run again counts from the records.
    Setting only the total (when queuing) leaves the job waiting for a worker."""
    changes = {"updated_at": timezone.now()}
    for name, value in (("phase", phase), ("total", total), ("done", done), ("failed", failed)):
        if value is not None:
            changes[name] = value
    if (phase, done, failed) != (None, None, None):
        changes["state"] = Job.State.RUNNING
    Job.objects.filter(pk=job_id).update(**changes)


@transaction.atomic
def add_note(*, job_id, text: str) -> None:
    """A problem to show on the progress page and when the job ends."""
    if job_id is not None and JobNote.objects.filter(job_id=job_id).count() < MAX_NOTES:
        JobNote.objects.create(job_id=job_id, text=text)


@transaction.atomic
def clear_notes(*, job_id) -> None:
    """A task run again from the start writes its notes again."""
    JobNote.objects.filter(job_id=job_id).delete()


@transaction.atomic
def finish(*, job_id, outcome: str, level: str = Job.Level.SUCCESS, result_url: str | None = None) -> None:
    """The job is over; `outcome` is shown to whoever started it, on the result page."""
    changes = {
        "state": Job.State.FAILED if level == Job.Level.ERROR else Job.State.FINISHED,
        "outcome": outcome,
        "outcome_level": level,
        "finished_at": timezone.now(),
        "phase": "",
    }
    if result_url is not None:
        changes["result_url"] = result_url
    Job.objects.filter(pk=job_id).update(**changes)

"""Background work of certificates: batch issue and rendering (each may run twice safely)."""

from django_tasks import task

from background.retry import retry
from certificates.batch import issue_in_background, render_in_background


@retry(max_attempts=3, base=30)
@task()
def issue_event_certificates(
    job_id: str, event_id: int, by_id: int | None, participation_for: list[int]
) -> int:
    return issue_in_background(
        job_id=job_id, event_id=event_id, by_id=by_id, participation_for=participation_for
    )


@retry(max_attempts=3, base=30)
@task()
def render_event_certificates(job_id: str, event_id: int, merged: bool) -> int:
    return render_in_background(job_id=job_id, event_id=event_id, merged=merged)

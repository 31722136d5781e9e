"""Background work of nominations: large nomination lists, written by a worker."""

from django_tasks import task

from background.retry import retry


@retry(max_attempts=3, base=30)
@task()
def commit_nomination_import(
    job_id: str,
    invitation_id: int,
    token: str,
    filename: str,
    focal_point_id: int | None,
    by_id: int | None,
    letter_token: str = "",
    resolutions: dict | None = None,
) -> str:
    """Write a large previewed nomination list (see nominations.services.nomination_import)."""
    from nominations.services.nomination_import import run_import

    return run_import(
        job_id=job_id,
        invitation_id=invitation_id,
        token=token,
        filename=filename,
        focal_point_id=focal_point_id,
        by_id=by_id,
        letter_token=letter_token,
        resolutions=resolutions,
    )

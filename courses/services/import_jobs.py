"""Large participant imports, committed by a worker: checked in the request (the preview),
checked again and written by a task, still all or nothing, with progress on a page.

The task counts rows as it checks them again; writing them is one transaction (all or
nothing), whose progress no other connection can see before it commits, so the page says
"saving" without a count for that part. The job is marked finished in that same transaction:
a task run again after a crash finds it finished and does nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from background.models import Job
from background.queue import enqueue
from background.services.jobs import attach_task, finish, set_progress, start_job
from courses.models import TrainingEvent
from courses.services import participant_import as importer
from people.errors import DomainError


def runs_in_background(rows: int) -> bool:
    return rows > settings.STCE_BACKGROUND_IMPORT_ROWS


def imported_message(outcome) -> str:
    return _(
        "Imported: %(enrolled)s enrolled (%(created)s new people), %(unchanged)s already on the list."
    ) % {
        "enrolled": outcome.enrolled,
        "created": outcome.people_created,
        "unchanged": outcome.unchanged,
    }


@transaction.atomic
def start_import(
    *, event: TrainingEvent, token: str, filename: str, rows: int, by, resolutions: dict | None = None
) -> Job:
    """Hand a previewed upload to a worker; the returned job's page shows the progress."""
    from courses.tasks import commit_participant_import

    job = start_job(
        kind="import",
        title=_("Import of %(file)s into %(title)s") % {"file": filename, "title": event.title},
        by=by,
        total=rows,
        result_url=reverse("courses:participant-list", args=[event.pk]),
    )
    by_id = by.pk if getattr(by, "is_authenticated", False) else None
    attach_task(
        job=job,
        result=enqueue(
            commit_participant_import, str(job.pk), event.pk, token, filename, by_id, resolutions or {}
        ),
    )
    return job


def _refuse(job: Job, retry_url: str, message: str) -> None:
    finish(job_id=job.pk, outcome=message, level=Job.Level.ERROR, result_url=retry_url)


def run_checked_import(*, job_id, token: str, filename: str, retry_url: str, validate, commit) -> str:
    """A worker's import of a previewed upload: `validate(data, progress)` checks it again
    (counting rows), then `commit(data)` writes it all in one transaction and returns the
    message the job ends with. Shared by the participant and the nominations imports."""
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return "already finished"
    with translation.override(job.language):
        try:
            data = importer.load_upload(token=token, filename=filename)
        except DomainError as error:
            _refuse(job, retry_url, error.message)
            return "upload gone"
        set_progress(job_id=job.pk, phase=_("Checking the rows again"), done=0)
        report = validate(data, lambda n: set_progress(job_id=job.pk, done=n))
        if report.has_errors:
            _refuse(
                job,
                retry_url,
                ngettext(
                    "The file has %(n)s problem now; nothing was imported. Upload it again to see it.",
                    "The file has %(n)s problems now; nothing was imported. Upload it again to see them.",
                    len(report.errors),
                )
                % {"n": len(report.errors)},
            )
            return "refused"
        set_progress(job_id=job.pk, phase=_("Saving every row at once (all or nothing)…"), total=0, done=0)
        try:
            with transaction.atomic():
                finish(job_id=job.pk, outcome=commit(data))
        except DomainError as error:
            _refuse(job, retry_url, error.message)
            return "refused"
    importer.discard_upload(token=token, filename=filename)
    return "imported"


def run_import(
    *, job_id, event_id: int, token: str, filename: str, by_id: int | None, resolutions: dict | None = None
) -> str:
    """The task's work: check the upload again (counting rows), then write it in one go."""
    event = TrainingEvent.objects.get(pk=event_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None

    def validate(data, progress):
        return importer.validate_import(
            event=event, data=data, filename=filename, progress=progress, resolutions=resolutions
        )

    def commit(data):
        outcome = importer.commit_import(
            event=event, data=data, filename=filename, by=by, resolutions=resolutions
        )
        return imported_message(outcome)

    return run_checked_import(
        job_id=job_id,
        token=token,
        filename=filename,
        retry_url=reverse("courses:participant-import", args=[event_id]),
        validate=validate,
        commit=commit,
    )

"""Issuing and rendering an event's certificates in the background, with progress.

Run by a worker (certificates.tasks). Certificates are issued a chunk per transaction, each
chunk's PDFs rendered and stored right after, and the job's progress counted as it goes. Run
again after a crash, the work picks up where it stopped: who already holds a certificate is
skipped, progress is counted again from the records, PDFs already stored are not rendered.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from background.models import Job
from background.services.jobs import add_note, advance, clear_notes, finish, set_progress
from certificates.files import certificate_pdf, merged_pdf
from certificates.issuing import Planned, batch_summary, issue_certificate, plan_batch
from certificates.models import Certificate
from courses.models import TrainingEvent
from people.errors import DomainError

CHUNK = 20


def plan_for_event(event, participation_for: Iterable[int] = ()) -> list[Planned]:
    """Who gets which certificate (see `plan_batch`)."""
    return plan_batch(event, participation_for).planned


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _issue_chunk(job: Job, event, chunk: list[Planned], by) -> list[Certificate]:
    issued, skipped = [], 0
    with transaction.atomic():
        for planned in chunk:
            try:
                issued.append(issue_certificate(kind=planned.kind, holder=planned.person, event=event, by=by))
            except DomainError as exc:
                skipped += 1
                add_note(job_id=job.pk, text=f"{planned.person.full_name}: {exc.message}")
        # Counted with the certificates it counts: a crash cannot count them twice.
        advance(job_id=job.pk, failed=skipped)
    return issued


def issue_in_background(*, job_id, event_id: int, by_id: int | None, participation_for: list[int]) -> int:
    """Issue the event's planned certificates and render them; returns how many were issued."""
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return 0
    event = TrainingEvent.objects.get(pk=event_id)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    with translation.override(job.language):
        plan = plan_batch(event, participation_for)
        todo = plan.planned
        total = max(job.total, len(todo))
        clear_notes(job_id=job.pk)
        set_progress(
            job_id=job.pk,
            phase=_("Issuing certificates and rendering their PDFs"),
            total=total,
            done=total - len(todo),
            failed=0,
        )
        issued = 0
        for chunk in _chunks(todo):
            certificates = _issue_chunk(job, event, chunk, by)
            for certificate in certificates:
                certificate_pdf(certificate)
            advance(job_id=job.pk, done=len(certificates))
            issued += len(certificates)
        _render_missing(event)
        job.refresh_from_db()
        finish(
            job_id=job.pk,
            # Counted as the certificates page counts: a rerun after a crash finds those the first
            # run issued among the ones that already had a certificate.
            outcome=batch_summary(
                issued=issued,
                already_held=plan.already_held,
                not_eligible=plan.not_eligible,
                skipped=job.failed,
            ),
            level=Job.Level.WARNING if job.failed else Job.Level.SUCCESS,
        )
    return issued


def _render_missing(event) -> None:
    """Certificates issued by a run that stopped before rendering them."""
    for certificate in Certificate.objects.valid().filter(event=event):
        certificate_pdf(certificate)


def render_in_background(*, job_id, event_id: int, merged: bool) -> int:
    """Render and store every valid certificate of the event (and the merged PDF for printing)."""
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return 0
    event = TrainingEvent.objects.get(pk=event_id)
    certificates = list(Certificate.objects.valid().filter(event=event).order_by("holder_name", "pk"))
    with translation.override(job.language):
        set_progress(
            job_id=job.pk,
            phase=_("Rendering the PDFs"),
            total=len(certificates) + (1 if merged else 0),
            done=0,
            failed=0,
        )
        for chunk in _chunks(certificates):
            for certificate in chunk:
                certificate_pdf(certificate)
            advance(job_id=job.pk, done=len(chunk))
        if merged:
            set_progress(job_id=job.pk, phase=_("Putting every page into one PDF"))
            merged_pdf(certificates, title=event.title)
            advance(job_id=job.pk, done=1)
        finish(job_id=job.pk, outcome=_("The PDFs are ready: download them again from this page."))
    return len(certificates)


# ------------------------------------------------------------- started from a coordinator's page


BATCH_ISSUE_KIND = "certificate-issue"


@transaction.atomic
def start_batch_issue(*, event, by, participation_for: Iterable[int] = ()) -> Job:
    """A job that issues the event's certificates in the background; its page shows progress."""
    from background.queue import enqueue
    from background.services.jobs import attach_task, start_job
    from certificates.tasks import issue_event_certificates

    chosen = sorted(set(participation_for))
    result_url = reverse("certificates:certificate-event", args=[event.pk])
    # Issue pressed twice (a double click, a resent form) while the first batch still waits or
    # runs: show that batch's progress rather than queue a second one for the same event.
    running = (
        Job.objects.filter(kind=BATCH_ISSUE_KIND, result_url=result_url)
        .exclude(state__in=[Job.State.FINISHED, Job.State.FAILED])
        .order_by("-created_at")
        .first()
    )
    if running is not None:
        return running
    job = start_job(
        kind=BATCH_ISSUE_KIND,
        title=_("Certificates of %(title)s") % {"title": event.title},
        by=by,
        total=len(plan_for_event(event, chosen)),
        result_url=result_url,
    )
    by_id = by.pk if getattr(by, "is_authenticated", False) else None
    attach_task(job=job, result=enqueue(issue_event_certificates, str(job.pk), event.pk, by_id, chosen))
    return job


@transaction.atomic
def start_rendering(*, event, by, merged: bool) -> Job:
    """A job that renders the event's certificates (and the PDF for printing) in the background."""
    from background.queue import enqueue
    from background.services.jobs import attach_task, start_job
    from certificates.tasks import render_event_certificates

    job = start_job(
        kind="certificates",
        title=_("PDFs of the certificates of %(title)s") % {"title": event.title},
        by=by,
        result_url=reverse("certificates:certificate-event", args=[event.pk]),
    )
    attach_task(job=job, result=enqueue(render_event_certificates, str(job.pk), event.pk, merged))
    return job

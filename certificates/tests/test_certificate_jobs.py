"""Batches of certificates in the background: issue and render with progress, e-mail them all,
and downloads of large batches prepared by a worker."""

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse

from background.models import Job
from certificates.batch import issue_in_background, start_batch_issue
from certificates.models import Certificate, CertificateDelivery
from certificates.tests.certificate_helpers import enrol, event_with_days
from mailing.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = event_with_days(title="National training on STCE")
    for i in range(6):
        enrol(event, given_name=f"Given{i}", family_name=f"Family{i}", email=f"p{i}@example.org")
    enrol(event, given_name="Absent", family_name="Always", attended_days=0)
    return event


def test_a_large_batch_is_issued_and_rendered_by_a_worker_with_progress(
    coordinator_client, event, run_tasks, settings
):
    settings.STCE_BACKGROUND_CERTIFICATES = 3
    response = coordinator_client.post(reverse("certificates:certificate-event", args=[event.pk]))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.total == 6
    assert not Certificate.objects.exists()
    run_tasks()
    certificates = Certificate.objects.filter(event=event)
    assert certificates.count() == 6
    assert all(default_storage.exists(c.storage_name) for c in certificates)
    job.refresh_from_db()
    assert (job.done, job.failed, job.state) == (6, 0, Job.State.FINISHED)
    landing = coordinator_client.get(job.get_absolute_url(), follow=True)
    assert "6 certificates were issued." in landing.content.decode()


def test_a_batch_run_again_after_a_crash_issues_nothing_twice_and_counts_from_the_records(event, coordinator):
    job = start_batch_issue(event=event, by=coordinator)
    # The first run died after issuing some (here: all) certificates, before finishing.
    Job.objects.filter(pk=job.pk).update(done=2)
    issue_in_background(job_id=job.pk, event_id=event.pk, by_id=coordinator.pk, participation_for=[])
    issue_in_background(job_id=job.pk, event_id=event.pk, by_id=coordinator.pk, participation_for=[])
    assert Certificate.objects.filter(event=event).count() == 6
    job.refresh_from_db()
    assert (job.done, job.failed, job.is_finished) == (6, 0, True)


def test_every_unsent_certificate_is_emailed_as_one_job(coordinator_client, event, coordinator, run_tasks):
    from certificates.issuing import issue_for_event

    issue_for_event(event=event, by=coordinator)
    response = coordinator_client.post(reverse("certificates:certificate-event-send", args=[event.pk]))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.org" for i in range(6)]
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox)
    assert {d.state for d in CertificateDelivery.objects.all()} == {CertificateDelivery.Outcome.SENT}
    again = coordinator_client.post(
        reverse("certificates:certificate-event-send", args=[event.pk]), follow=True
    )
    assert "already e-mailed" in again.content.decode() and Message.objects.count() == 6


def test_a_large_download_is_prepared_by_a_worker_first(
    coordinator_client, event, coordinator, run_tasks, settings
):
    from certificates.issuing import issue_for_event

    settings.STCE_BACKGROUND_CERTIFICATES = 3
    issue_for_event(event=event, by=coordinator)
    url = reverse("certificates:certificate-event-pdf", args=[event.pk])
    response = coordinator_client.get(url)
    assert response["Location"] == Job.objects.get().get_absolute_url()
    run_tasks()
    ready = coordinator_client.get(url)
    assert ready["Content-Type"] == "application/pdf"
    assert (
        coordinator_client.get(reverse("certificates:certificate-event-zip", args=[event.pk]))["Content-Type"]
        == "application/zip"
    )


def test_pressing_issue_twice_on_a_large_batch_queues_one_job_and_issues_once(
    coordinator_client, event, run_tasks, settings
):
    settings.STCE_BACKGROUND_CERTIFICATES = 3
    url = reverse("certificates:certificate-event", args=[event.pk])
    first = coordinator_client.post(url)
    second = coordinator_client.post(url)
    job = Job.objects.get()
    assert first["Location"] == second["Location"] == job.get_absolute_url()
    run_tasks()
    assert Certificate.objects.filter(event=event).count() == 6
    # After the batch, a third press (a resent form) finds nothing left to issue.
    coordinator_client.post(url)
    assert Certificate.objects.filter(event=event).count() == 6

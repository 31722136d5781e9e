"""A previewed import keeps its file outside the media storage, for an hour at most, and never
enters a backup."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse

from background.maintenance import maintenance_pass
from courses.tests.factories import TrainingEventFactory
from courses.tests.test_participant_import import as_csv, rows
from people.tests.factories import CountryFactory, RegionFactory


@pytest.fixture
def event(db):
    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    return TrainingEventFactory(capacity=None)


def preview(client, event, name="list.csv") -> str:
    upload = io.BytesIO(as_csv(rows(3)))
    upload.name = name
    response = client.post(reverse("courses:participant-import", args=[event.pk]), {"file": upload})
    return response.context["token"]


def pending_files() -> list[Path]:
    return sorted(p for p in Path(storages["pending_imports"].location).rglob("*") if p.is_file())


def pending_file(token: str) -> Path:
    [path] = [p for p in pending_files() if p.name.startswith(token)]
    return path


def age(path: Path, *, minutes: int) -> None:
    """Date the file back, as if it had been uploaded `minutes` ago (no sleeping)."""
    when = time.time() - minutes * 60
    os.utime(path, (when, when))


def test_a_preview_older_than_an_hour_is_deleted_by_the_workers_housekeeping(coordinator_client, event):
    old, fresh = preview(coordinator_client, event), preview(coordinator_client, event)
    age(pending_file(old), minutes=61)
    age(pending_file(fresh), minutes=50)

    maintenance_pass()

    assert [p.name for p in pending_files()] == [pending_file(fresh).name]


def test_the_command_does_it_for_an_installation_without_a_worker(coordinator_client, event, capsys):
    age(pending_file(preview(coordinator_client, event)), minutes=90)
    call_command("forget_pending_imports")
    assert pending_files() == []
    assert "1 pending import file(s) deleted" in capsys.readouterr().out


def test_a_preview_older_than_an_hour_cannot_be_committed(coordinator_client, event):
    token = preview(coordinator_client, event)
    age(pending_file(token), minutes=61)
    response = coordinator_client.post(
        reverse("courses:participant-import-commit", args=[event.pk]), {"token": token}, follow=True
    )
    assert "expired" in response.content.decode()
    assert not event.enrolments.exists()
    assert pending_files() == []


def test_a_fresh_preview_is_committed_and_its_file_deleted(coordinator_client, event):
    token = preview(coordinator_client, event)
    age(pending_file(token), minutes=55)
    coordinator_client.post(reverse("courses:participant-import-commit", args=[event.pk]), {"token": token})
    assert event.enrolments.count() == 3
    assert pending_files() == []

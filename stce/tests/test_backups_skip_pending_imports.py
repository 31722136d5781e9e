"""Participant lists previewed and not committed never enter a backup: they wait outside the
media storage that `backup` copies (courses/tests/test_pending_imports.py tests their hour)."""

import tarfile
from pathlib import Path

import pytest

from courses.services import participant_import as importer
from courses.tests.factories import TrainingEventFactory
from courses.tests.test_pending_imports import pending_files, preview
from people.tests.factories import CountryFactory, RegionFactory
from stce import settings as project_settings


@pytest.fixture
def import_event(db):
    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    return TrainingEventFactory(capacity=None)


def test_previews_are_not_kept_in_the_media_storage(coordinator_client, import_event, settings):
    preview(coordinator_client, import_event)
    assert pending_files()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    # The shipped configuration keeps them apart from the media folder that backups copy.
    pending_root = Path(project_settings.STCE_PENDING_IMPORTS_ROOT).resolve()
    assert not pending_root.is_relative_to(Path(project_settings.MEDIA_ROOT).resolve())


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_stored_files_but_no_previewed_import(client, coordinator, tmp_path, settings):
    from stce.backups import create_backup

    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    event = TrainingEventFactory(capacity=None)
    client.force_login(coordinator)
    token = preview(client, event)
    Path(settings.MEDIA_ROOT, "certificates").mkdir(parents=True)
    Path(settings.MEDIA_ROOT, "certificates", "kept.pdf").write_bytes(b"%PDF-1.4")

    summary = create_backup(tmp_path / "backup.tar.gz")

    with tarfile.open(summary.path) as archive:
        names = archive.getnames()
    assert "media/certificates/kept.pdf" in names
    assert not [n for n in names if token in n or importer.STASH_DIR in n]

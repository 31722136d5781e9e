"""Backups are consistent while the application writes, and restore to a working database.

These run the real commands in subprocesses against SQLite files in a temporary folder, as
an operator would, with a second process saving attendance the whole time.
"""

import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest
from django.conf import settings

from stce.backups import BackupError, restore_backup

pytestmark = pytest.mark.slow

SEED = """
import datetime
from courses.models import Enrolment, EventDay, TrainingEvent
from people.models import Person
event = TrainingEvent.objects.create(
    title="National training", start_date=datetime.date(2021, 10, 18), end_date=datetime.date(2021, 10, 22))
for offset in range(5):
    EventDay.objects.create(event=event, date=event.start_date + datetime.timedelta(days=offset))
people = Person.objects.bulk_create(Person(family_name=f"Participant {n}") for n in range(400))
Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
"""

# Saves one attendance record per transaction and prints its id once committed, until told to stop.
WRITER = """
import os, sys, time, django
django.setup()
from courses.models import Attendance, Enrolment, EventDay
stop_file = sys.argv[1]
days = list(EventDay.objects.order_by("date"))
for enrolment in Enrolment.objects.order_by("pk"):
    for day in days:
        if os.path.exists(stop_file):
            print("stopped", flush=True)
            sys.exit(0)
        record = Attendance.objects.create(enrolment=enrolment, day=day, status="present")
        print(record.pk, flush=True)
        time.sleep(0.002)
print("exhausted", flush=True)
"""


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def environment(database: Path, media: Path) -> dict:
    return {
        **os.environ, "DJANGO_SETTINGS_MODULE": "stce.settings",
        "DATABASE_URL": f"sqlite:///{database}", "DJANGO_MEDIA_ROOT": str(media),
    }


def attendance_ids(database: Path) -> set[int]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT id FROM courses_attendance")}


@pytest.fixture(scope="module")
def backup_during_writes(tmp_path_factory):
    """Migrate and seed a database, start saving attendance, take a backup mid-way."""
    folder = tmp_path_factory.mktemp("backup")
    source = environment(folder / "live.sqlite3", folder / "live-media")
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "shell", "-c", SEED)
    (folder / "live-media" / "evidence").mkdir(parents=True)
    (folder / "live-media" / "evidence" / "workshop-result.pdf").write_bytes(b"%PDF-1.7 evidence")

    stop_file = folder / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop_file)], cwd=settings.BASE_DIR, env=source,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    lines: list[str] = []
    enough_written = threading.Event()

    def read_writer():
        for line in writer.stdout:
            lines.append(line.strip())
            if len(lines) >= 20:
                enough_written.set()
        enough_written.set()

    reader = threading.Thread(target=read_writer, daemon=True)
    reader.start()
    assert enough_written.wait(timeout=120), "the writer never started"
    committed_before_backup = [int(x) for x in list(lines) if x.isdigit()]
    archive = folder / "stce-backup.tar.gz"
    backup = manage(source, "backup", "--output", str(archive))
    stop_file.touch()
    writer.wait(timeout=120)
    reader.join(timeout=30)
    assert writer.returncode == 0, writer.stderr.read()
    return {
        "folder": folder, "archive": archive, "backup_output": backup.stdout, "lines": lines,
        "committed_before_backup": committed_before_backup,
    }


@pytest.fixture(scope="module")
def restored(backup_during_writes):
    folder = backup_during_writes["folder"]
    target = environment(folder / "restored.sqlite3", folder / "restored-media")
    result = manage(target, "restore", str(backup_during_writes["archive"]))
    return {"env": target, "database": folder / "restored.sqlite3", "media": folder / "restored-media",
            "output": result.stdout}


def test_the_backup_is_one_archive_with_a_manifest_database_and_files(backup_during_writes):
    with tarfile.open(backup_during_writes["archive"]) as archive:
        names = archive.getnames()
    assert {"manifest.json", "db.sqlite3", "media/evidence/workshop-result.pdf"} <= set(names)
    assert "1 stored files" in backup_during_writes["backup_output"]


def test_the_writer_went_on_saving_while_the_backup_ran(backup_during_writes):
    assert backup_during_writes["lines"][-1] == "stopped"  # not "exhausted": it was still writing


def test_the_restored_database_holds_every_row_committed_before_the_backup(backup_during_writes, restored):
    restored_ids = attendance_ids(restored["database"])
    assert set(backup_during_writes["committed_before_backup"]) <= restored_ids


def test_the_restored_database_is_one_consistent_moment(backup_during_writes, restored):
    """The single writer committed rows in order, so a snapshot holds exactly a prefix of them."""
    committed = [int(x) for x in backup_during_writes["lines"] if x.isdigit()]
    restored_ids = attendance_ids(restored["database"])
    assert restored_ids == set(committed[: len(restored_ids)])
    assert len(committed) > len(restored_ids)  # rows saved after the snapshot are not half-there


def test_the_restored_database_passes_checks(restored):
    manage(restored["env"], "check")
    manage(restored["env"], "migrate", "--check")
    with sqlite3.connect(restored["database"]) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM courses_enrolment").fetchone() == (400,)


def test_stored_files_come_back(restored):
    assert (restored["media"] / "evidence" / "workshop-result.pdf").read_bytes() == b"%PDF-1.7 evidence"


def test_restore_refuses_to_overwrite_unless_forced(backup_during_writes, restored):
    again = manage(restored["env"], "restore", str(backup_during_writes["archive"]), check=False)
    assert again.returncode != 0
    assert "not empty" in again.stderr
    forced = manage(restored["env"], "restore", str(backup_during_writes["archive"]), "--force")
    assert "Restored the sqlite database" in forced.stdout


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        archive.add(__file__, arcname="something.py")
    with pytest.raises(BackupError, match="not an STCE backup"):
        restore_backup(bogus)


@pytest.mark.django_db(transaction=True)
def test_a_forced_restore_brings_back_what_was_deleted_on_this_engine(tmp_path, settings):
    """Runs on the test database of whichever engine the suite uses (SQLite or PostgreSQL)."""
    from people.models import Person
    from people.tests.factories import PersonFactory
    from stce.backups import create_backup

    settings.MEDIA_ROOT = tmp_path / "media"
    PersonFactory(family_name="Kept")
    summary = create_backup(tmp_path / "backup.tar.gz")
    assert summary.engine in {"sqlite", "postgresql"}
    Person.objects.filter(family_name="Kept").delete()

    with pytest.raises(BackupError, match="not empty"):
        restore_backup(summary.path)
    restore_backup(summary.path, force=True)
    assert Person.objects.filter(family_name="Kept").exists()

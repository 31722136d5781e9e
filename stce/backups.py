"""One archive holding a consistent copy of the database and every stored file, and its restore.

SQLite is copied with its online backup API, which takes a snapshot while other connections
keep writing; PostgreSQL with `pg_dump` (one transaction, so also a snapshot). Stored files
(uploads and generated documents) are read through Django's storage API, so the same code
works for a local folder or an object store. The archive is a .tar.gz:

    manifest.json   what is inside, from which engine, when
    db.sqlite3 | db.dump
    media/...       the stored files, by storage name
"""

import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from people.errors import DomainError

FORMAT_VERSION = 1
SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.dump"
MEDIA_DIR = "media"


class BackupError(DomainError):
    pass


@dataclass
class BackupSummary:
    path: Path
    engine: str
    media_files: int


def _storage_files(storage, folder: str = "") -> list[str]:
    directories, files = storage.listdir(folder)
    names = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for directory in directories:
        names += _storage_files(storage, str(PurePosixPath(folder, directory)) if folder else directory)
    return sorted(names)


def _pg_environment() -> tuple[list[str], dict]:
    settings = connection.settings_dict
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return [*args, "--dbname", settings["NAME"]], env


def _dump_database(folder: Path) -> str:
    if connection.vendor == "sqlite":
        target = folder / SQLITE_FILE
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # pages=-1 copies the whole database in one step: one consistent snapshot, even
            # while other connections commit (WAL lets them go on writing meanwhile).
            connection.connection.backup(destination, pages=-1)
        finally:
            destination.close()
        return SQLITE_FILE
    if connection.vendor == "postgresql":
        args, env = _pg_environment()
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        command += ["--file", str(folder / PG_FILE)]
        # The arguments come from the project's own database settings, never from a request.
        result = subprocess.run([*command, *args], env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return PG_FILE
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def create_backup(output: Path, *, storage=None) -> BackupSummary:
    """Write the database and stored files to `output` (.tar.gz); the file appears whole or not at all."""
    storage = storage or default_storage
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stce-backup-") as tmp:
        folder = Path(tmp)
        database_file = _dump_database(folder)
        media = _storage_files(storage) if _storage_has_root(storage) else []
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database_file": database_file,
            "django": django.get_version(),
            "media_files": media,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(folder / database_file, arcname=database_file)
            for name in media:
                with storage.open(name, "rb") as handle:
                    content = handle.read()
                info = tarfile.TarInfo(f"{MEDIA_DIR}/{name}")
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
        partial.replace(output)
    return BackupSummary(path=output, engine=manifest["engine"], media_files=len(media))


def _storage_has_root(storage) -> bool:
    try:
        storage.listdir("")
    except FileNotFoundError:
        return False
    return True


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _restore_database(archive: tarfile.TarFile, manifest: dict, folder: Path) -> None:
    member = archive.getmember(manifest["database_file"])
    archive.extract(member, folder, filter="data")
    source_path = folder / manifest["database_file"]
    if manifest["engine"] == "sqlite":
        source = sqlite3.connect(source_path)
        connection.ensure_connection()
        try:
            source.backup(connection.connection, pages=-1)
        finally:
            source.close()
        connection.close()
        return
    args, env = _pg_environment()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    command += ["--single-transaction"]
    command += [*args, str(source_path)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    connection.close()


def restore_backup(path: Path, *, force: bool = False, storage=None) -> BackupSummary:
    """Bring back a backup made by `create_backup`. Refuses to overwrite a database that
    already has tables, or stored files, unless `force` is given."""
    storage = storage or default_storage
    with tarfile.open(path, "r:gz") as archive:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))
        except (KeyError, json.JSONDecodeError):
            raise BackupError(f"{path} is not an STCE backup (no readable manifest.json).")
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; "
                f"the configured one is {connection.vendor}."
            )
        media = manifest["media_files"]
        existing = [name for name in media if storage.exists(name)]
        if not force and not database_is_empty():
            raise BackupError("The database is not empty. Restore into an empty database, or pass --force.")
        if not force and existing:
            raise BackupError(f"{len(existing)} stored files would be overwritten. Pass --force to do so.")
        with tempfile.TemporaryDirectory(prefix="stce-restore-") as tmp:
            _restore_database(archive, manifest, Path(tmp))
        for name in media:
            if storage.exists(name):
                storage.delete(name)
            handle = archive.extractfile(f"{MEDIA_DIR}/{name}")
            saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"Stored file {name!r} came back as {saved!r}.")
    return BackupSummary(path=Path(path), engine=manifest["engine"], media_files=len(media))


from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stce.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database (SQLite online backup or pg_dump) and every "
        "stored file into one .tar.gz archive. Safe while the application is running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path,
            help="Archive to write (default: var/backups/stce-YYYYmmdd-HHMMSS.tar.gz).",
        )

    def handle(self, *args, **options):
        from django.conf import settings

        output = options["output"] or (
            settings.BASE_DIR / "var" / "backups" / f"stce-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            summary = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {summary.path} "
                f"({summary.engine} database, {summary.media_files} stored files)."
            )
        )

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stce.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Bring back a backup made by `manage.py backup`: the database and the stored files. "
        "Refuses to overwrite a database or files that already exist unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true",
            help="Replace the current database and stored files with the backup's.",
        )

    def handle(self, *args, **options):
        if not options["archive"].is_file():
            raise CommandError(f"{options['archive']} does not exist.")
        try:
            summary = restore_backup(options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {summary.engine} database and {summary.media_files} stored files "
                f"from {summary.path}."
            )
        )

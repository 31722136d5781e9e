from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.files import sample_pdf
from certificates.snapshot import CERTIFICATE_LANGUAGES
from documents.pdftext import unprintable_characters


class Command(BaseCommand):
    help = "Write a certificate with sample data to a PDF file, to check the layout."

    def add_arguments(self, parser):
        parser.add_argument("--name", default="José Núñez Peña", help="Holder's name, in any script.")
        parser.add_argument("--language", default="en", choices=CERTIFICATE_LANGUAGES)
        parser.add_argument("--out", required=True, help="Where to write the PDF.")

    def handle(self, *args, name, language, out, **options):
        missing = unprintable_characters(name)
        if missing:
            raise CommandError(f"No shipped font can print these characters: {' '.join(missing)}")
        path = Path(out)
        path.write_bytes(sample_pdf(name=name, language=language))
        self.stdout.write(f"Wrote {path} ({path.stat().st_size // 1024} KB).")

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app contributes its demo data through a `demo.seed(stdout)` function, in this order
# (later apps build on the people and events of earlier ones). Every seeder is idempotent.
DEMO_MODULES = [
    "people.demo",
    "courses.demo",
    "courses.demo_attendance",
    "accreditation.demo",
    "certificates.demo",
    "reporting.demo",
    "frameworks.demo",
    "evaluation.demo",
]


class Command(BaseCommand):
    help = "Load reference data, the curriculum and demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Run even when DJANGO_DEBUG=0 (it creates demo users with known passwords).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates demo users with published passwords and refuses to run "
                "when DJANGO_DEBUG=0. Pass --force if this really is a demo server."
            )
        with transaction.atomic():
            for dotted in DEMO_MODULES:
                try:
                    module = importlib.import_module(dotted)
                except ModuleNotFoundError as exc:
                    if exc.name != dotted:
                        raise
                    continue
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

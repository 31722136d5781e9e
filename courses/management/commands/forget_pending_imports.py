"""Delete participant lists previewed more than an hour ago and never committed.

Workers do this by themselves (BACKGROUND_HOUSEKEEPING); an installation without a worker
runs this command from cron, e.g. every 10 minutes.
"""

from django.core.management.base import BaseCommand

from courses.services.participant_import import forget_stale_uploads


class Command(BaseCommand):
    help = "Delete previewed participant imports older than an hour."

    def handle(self, *args, **options):
        deleted = forget_stale_uploads()
        self.stdout.write(f"{deleted} pending import file(s) deleted.")

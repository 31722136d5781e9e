from django.core.management.base import BaseCommand

from accreditation.services.notifications import send_expiry_notices
from background.inline import run_ready_tasks


class Command(BaseCommand):
    help = (
        "Queue e-mails to experts (and a digest to coordinators) whose accreditation ends in 6 months "
        "or 1 month. Safe to run daily: each reminder is sent once. The workers run this every "
        "morning by themselves (BACKGROUND_SCHEDULES) and send the e-mails; --send sends them "
        "from this command too, for an installation without a worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--send", action="store_true", help="Send the queued e-mails now, from this process."
        )

    def handle(self, *args, send: bool = False, **options):
        sent = send_expiry_notices()
        self.stdout.write(f"{len(sent)} expiry reminder(s) queued.")
        if send:
            self.stdout.write(f"{run_ready_tasks()} background task(s) run.")

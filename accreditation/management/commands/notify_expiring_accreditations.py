from django.core.management.base import BaseCommand

from accreditation.services.notifications import send_expiry_notices


class Command(BaseCommand):
    help = (
        "E-mail experts (and a digest to coordinators) whose accreditation ends in 6 months "
        "or 1 month. Safe to run daily: each reminder is sent once."
    )

    def handle(self, *args, **options):
        sent = send_expiry_notices()
        self.stdout.write(f"{len(sent)} expiry reminder(s) sent.")

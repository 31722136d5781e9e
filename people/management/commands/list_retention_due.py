from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from people.links import public_base_url
from people.privacy import people_past_retention, retention_cutoff


class Command(BaseCommand):
    help = (
        "List people with no activity (record change, event attended or taught) for longer than "
        "STCE_RETENTION_YEARS, so an administrator can review and erase them. Prints ids, not names."
    )

    def handle(self, *args, **options):
        people = people_past_retention()
        count = 0
        for person in people.only("pk", "updated_at"):
            count += 1
            activity = (person.updated_at.date(), person.last_enrolment, person.last_assignment)
            last = max(d for d in activity if d)
            self.stdout.write(
                f"#{person.pk}\tlast activity {last:%Y-%m-%d}\t{public_base_url()}"
                f"{reverse('people:person-detail', args=[person.pk])}"
            )
        self.stdout.write(
            f"{count} {'person' if count == 1 else 'people'} with no activity since "
            f"{retention_cutoff():%Y-%m-%d} ({settings.STCE_RETENTION_YEARS} years)."
        )

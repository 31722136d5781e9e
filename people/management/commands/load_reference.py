from django.core.management.base import BaseCommand

from people.demo import load_reference_data


class Command(BaseCommand):
    help = "Load (or refresh) regions, countries, languages, organisations and the curriculum."

    def handle(self, *args, **options):
        load_reference_data(self.stdout)

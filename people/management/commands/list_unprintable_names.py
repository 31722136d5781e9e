from django.core.management.base import BaseCommand
from django.urls import reverse

from people.links import public_base_url
from people.models import Person
from people.names import name_problems, normalise_name


class Command(BaseCommand):
    help = (
        "List people whose names break the rules new names are held to (people.names): line "
        "breaks or control characters, emoji, or characters no shipped font can print. Such a "
        "record was saved before the rules; its PDFs leave the characters out. Correct it on the "
        "person's page. Prints ids, fields and code points, not names."
    )

    def handle(self, *args, **options):
        count = 0
        people = Person.objects.filter(erased_at__isnull=True).only("pk", *Person.NAME_FIELDS)
        for person in people.iterator(chunk_size=2000):
            found = []
            for field in Person.NAME_FIELDS:
                value = normalise_name(getattr(person, field))
                for problem in name_problems(value):
                    found.append(f"{field}: {problem.code}")
            if found:
                count += 1
                url = f"{public_base_url()}{reverse('people:person-edit', args=[person.pk])}"
                self.stdout.write(f"#{person.pk}\t{'; '.join(found)}\t{url}")
        self.stdout.write(f"{count} {'person' if count == 1 else 'people'} with a name to correct.")

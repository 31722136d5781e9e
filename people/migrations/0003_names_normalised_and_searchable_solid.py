"""Existing people: names normalised (people.names) and the search text rebuilt, so that a name
written solid (王秀英, family name then given name) finds them as it finds new records."""

from django.db import migrations

from people.names import normalise_name, search_text


def rebuild(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    changed = []
    fields = ("given_name", "family_name", "latin_name")
    # Read first, then write: SQLite does not isolate a cursor from writes to its own table.
    for person in list(Person.objects.only(*fields, "email", "search_text")):
        before = [getattr(person, f) for f in fields] + [person.search_text]
        for field in fields:
            setattr(person, field, normalise_name(getattr(person, field)))
        person.search_text = search_text(
            given_name=person.given_name, family_name=person.family_name,
            latin_name=person.latin_name, email=person.email or "",
        )
        if [getattr(person, f) for f in fields] + [person.search_text] != before:
            changed.append(person)
    Person.objects.bulk_update(changed, [*fields, "search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_roles")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]

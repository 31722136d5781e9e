"""The triggers that keep the summary rows in step with enrolments, events and people.

They are installed here with a first count, and set aside by pre_migrate and put back by
post_migrate around every later migrate (reporting.recount), because SQLite cannot rebuild a
table for a later migration while a trigger names it.
"""

from django.db import migrations


def install(apps, schema_editor):
    """Nothing here any more: post_migrate (reporting.recount.ensure_triggers) installs the
    triggers with a first count once every migration has run, when every table they keep
    exists (a later migration adds some)."""


def remove(apps, schema_editor):
    from reporting.triggers import drop_triggers

    drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]

"""Reference data: resolutions 1540 (2004) and 2663 (2022) and their operative paragraphs
(frameworks/reference.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from frameworks.reference import load_paragraphs

    load_paragraphs(apps)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

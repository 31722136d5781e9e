from django.db import migrations


def load(apps, schema_editor):
    from evaluation.standard import load_standard_questions

    load_standard_questions(apps)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

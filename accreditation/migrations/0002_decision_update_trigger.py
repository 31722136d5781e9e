"""A database trigger that refuses any UPDATE of an accreditation decision.

The model and the admin already refuse changes; the trigger also stops raw SQL and bulk
updates. DELETE is left to the application (PROTECT foreign keys, the model's delete()), so
that test databases can still be flushed.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER accreditation_decision_immutable BEFORE UPDATE ON accreditation_decision
BEGIN SELECT RAISE(ABORT, 'accreditation decisions are immutable'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS accreditation_decision_immutable;"

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION accreditation_decision_immutable() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'accreditation decisions are immutable'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accreditation_decision_immutable BEFORE UPDATE ON accreditation_decision
FOR EACH ROW EXECUTE FUNCTION accreditation_decision_immutable();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS accreditation_decision_immutable ON accreditation_decision;
DROP FUNCTION IF EXISTS accreditation_decision_immutable();
"""


def create_trigger(apps, schema_editor):
    sql = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def drop_trigger(apps, schema_editor):
    sql = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]

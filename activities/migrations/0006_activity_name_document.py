"""PostgreSQL only: the activity name's search vector, stored, for ranking by relevance.

Ranking thousands of matches computed ``to_tsvector`` of each name on every
request (about half the time of a search page at 100,000 activities). A stored
generated column keeps it beside the row and PostgreSQL updates it with the
name. The model does not declare it (SQLite has no full text and ranks by
name): only ``ActivityQuerySet.by_relevance`` reads it, and it must stay the
expression of ``NameDocument`` in ``activities.directory.querysets``.
"""

from django.db import migrations

COLUMN = "name_document"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE activities_activity ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, name)) STORED"
        )


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE activities_activity DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0005_data_version"),
    ]

    operations = [migrations.RunPython(add_column, drop_column, elidable=False)]

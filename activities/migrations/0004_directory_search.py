"""Indexes for the directory: full-text search (PostgreSQL only) and ordering by name.

The GIN indexes cover exactly the expressions of ``activities.directory.querysets``
(``ActivityDocument``, ``OrganisationDocument``); change both together. SQLite
has no such index (its search is containment), so the operation skips it there.
"""

from django.db import migrations

POSTGRES_INDEXES = [
    (
        "activity_search_document",
        "activities_activity",
        "USING gin (to_tsvector('english'::regconfig, "
        "name || ' ' || venue || ' ' || notes))",
    ),
    (
        "organisation_search_document",
        "activities_organisation",
        "USING gin (to_tsvector('english'::regconfig, name))",
    ),
]
# Page order of the list: by name (the default), and by place then name.
INDEXES = [
    ("activity_directory_name", "activities_activity", "(name, id)"),
    ("activity_directory_place_name", "activities_activity", "(place_id, name, id)"),
]


def _indexes(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return POSTGRES_INDEXES + INDEXES
    return INDEXES


def create_indexes(apps, schema_editor):
    for name, table, definition in _indexes(schema_editor):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


def drop_indexes(apps, schema_editor):
    for name, _table, _definition in _indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_import_runs_preview"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]

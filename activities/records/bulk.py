"""Multi-row INSERTs of plain values: the one bulk-write path for the biggest writes.

An import of 20,000 rows writes ~40,000 shared-experience links and 20,000
row results; seeding writes 100,000 activities with their history.
``bulk_create`` spends most of its time preparing each value of each model
instance; these rows are plain values already, so they are inserted here as
tuples, several hundred rows per statement, through the database driver's
own cursor (no query log, even with DEBUG on; same SQL on SQLite and
PostgreSQL). Nothing here sends signals, writes history or renews the data
version: callers do what their tables need.
"""

import sqlite3

from django.db import connections, models, router

from activities.models import Activity

MAX_ROWS_PER_STATEMENT = 500
POSTGRES_MAX_PARAMS = 65535
# SQLite allows 32,766 parameters a statement since 3.32 (Django assumes 999).
SQLITE_MAX_PARAMS = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999


def _max_params(connection):
    if connection.vendor == "sqlite":
        return SQLITE_MAX_PARAMS
    return connection.features.max_query_params or POSTGRES_MAX_PARAMS


def rows_insert(*, model, fields, rows):
    """INSERT ``rows`` (tuples in ``fields`` order, values ready for the database).

    ``fields`` are model field names or attnames (``activity`` or ``activity_id``).
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    opts = model._meta
    columns = ", ".join(quote(opts.get_field(name).column) for name in fields)
    per_statement = max(1, min(MAX_ROWS_PER_STATEMENT, _max_params(connection) // len(fields)))
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    head = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES "
    full_sql = head + ", ".join([placeholder] * per_statement)
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's own: no query log, even with DEBUG on
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            sql = (
                full_sql
                if len(chunk) == per_statement
                else head + ", ".join([placeholder] * len(chunk))
            )
            cursor.execute(sql, [value for row in chunk for value in row])


def records_insert(*, model, records):
    """INSERT {attname: database-ready value} records; missing fields take their defaults.

    A callable default (a published UUID) is called once per record, not once per column.
    """
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    connection = connections[router.db_for_write(model)]
    fixed = {f.attname: f.get_default() for f in fields if not callable(f.default)}

    def value(record, field):
        if field.attname in record:
            return record[field.attname]
        if field.attname in fixed:
            return fixed[field.attname]
        return field.get_db_prep_save(field.get_default(), connection)

    rows_insert(
        model=model,
        fields=[f.attname for f in fields],
        rows=[tuple(value(record, f) for f in fields) for record in records],
    )


def shared_experience_links_insert(pairs):
    """Link activities to shared experiences: (activity id, shared experience id) pairs."""
    rows_insert(
        model=Activity.shared_experiences.through,
        fields=["activity_id", "sharedexperience_id"],
        rows=pairs,
    )


def place_links_insert(pairs):
    """Link several-place activities to the places they serve: (activity id, place id) pairs."""
    rows_insert(model=Activity.places.through, fields=["activity_id", "place_id"], rows=pairs)

"""Multi-row INSERTs of plain tuples, for the import's highest-volume tables.

An import of 20,000 rows writes ~40,000 shared-experience links and 20,000
row results. ``bulk_create`` spends most of its time preparing each value of
each model instance; these two tables hold only integers and short text, so
they are inserted here as tuples, several hundred rows per statement, through
Django's own cursor (same SQL on SQLite and PostgreSQL). Nothing here sends
signals; neither table has any.
"""

from django.db import connections, router

# PostgreSQL has no small limit on parameters; keep statements a sensible size.
MAX_ROWS_PER_STATEMENT = 500
POSTGRES_MAX_PARAMS = 65535


def rows_insert(*, model, fields, rows):
    """INSERT ``rows`` (tuples in ``fields`` order, values ready for the database)."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    opts = model._meta
    columns = ", ".join(quote(opts.get_field(name).column) for name in fields)
    max_params = connection.features.max_query_params or POSTGRES_MAX_PARAMS
    per_statement = max(1, min(MAX_ROWS_PER_STATEMENT, max_params // len(fields)))
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    head = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES "
    full_sql = head + ", ".join([placeholder] * per_statement)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            sql = (
                full_sql
                if len(chunk) == per_statement
                else head + ", ".join([placeholder] * len(chunk))
            )
            cursor.execute(sql, [value for row in chunk for value in row])

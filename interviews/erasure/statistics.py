"""PostgreSQL's planner statistics never hold what a participant said or who they are.

ANALYZE samples each column's commonest values and a histogram into ``pg_statistic``
(read through ``pg_stats``): names, e-mail addresses, fragments of transcripts. Deleting
the rows does not delete those samples, and ANALYZE of an emptied table leaves them as
they were. So:

- every free-text column of every interview table (erasure deletes from some and takes a
  withdrawn person's traces out of the others: ``elsewhere``), and the admin's log, has
  **statistics target 0** (``ALTER TABLE ... ALTER COLUMN ... SET STATISTICS 0``, migration
  ``interviews/migrations/0011_erasure_statistics.py``): ANALYZE never samples it;
- ``statistics_clear`` drops whatever samples those columns still have (from before the
  migration, or a target changed by hand): re-declaring a column's own type drops its
  statistics without rewriting the table; then ``VACUUM FULL pg_statistic`` rewrites the
  catalogue's file so the dropped samples' bytes leave the disk (a superuser or the
  database's owner may, as docs/deploy.md sets the database up; if the application's role
  is neither, the log says so and docs/erasure.md has the command).

SQLite keeps no such samples (``sqlite_stat1`` holds counts only): nothing to do there.
"""

import logging
import re
import time

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.db import models

log = logging.getLogger(__name__)

ADMIN_LOG_COLUMNS = ["object_repr", "change_message"]
# VACUUM keeps a dead row any open transaction may still see (one begun before the erasure,
# anywhere on the server): try again for a while, then say so.
REWRITE_ATTEMPTS = 15
REWRITE_PAUSE_SECONDS = 1
KEPT_DEAD = re.compile(r"(\d+) dead row versions cannot be removed yet")


def personal_columns():
    """{table: [columns]}: the free-text columns of every interview model (choices aside)
    and the admin's log."""
    columns = {}
    for model in apps.get_app_config("interviews").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                columns.setdefault(model._meta.db_table, []).append(field.column)
    columns[LogEntry._meta.db_table] = list(ADMIN_LOG_COLUMNS)
    return columns


def statistics_target_zero(connection, columns):
    """``SET STATISTICS 0`` on every column (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return []
    quote = connection.ops.quote_name
    statements = [
        f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET STATISTICS 0"
        for table, names in columns.items()
        for column in names
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements


def sampled_columns(connection, columns):
    """The (table, column) pairs among ``columns`` that ``pg_stats`` still holds."""
    if connection.vendor != "postgresql":
        return []
    wanted = {(t, c) for t, names in columns.items() for c in names}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT tablename, attname FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = ANY(%s)",
            [list(columns)],
        )
        return sorted(row for row in cursor.fetchall() if tuple(row) in wanted)


def statistics_clear(connection, columns):
    """Drop the planner's samples of ``columns``; return the (table, column) cleared.

    Outside a transaction, ``pg_statistic`` is then rewritten (by a superuser or the
    database's owner: ``catalogue_rewrite_allowed``), even
    when nothing was left to drop: an earlier clearing (the migration's) may have left
    dead copies in its file.
    """
    found = sampled_columns(connection, columns)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in found:
            cursor.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attname = %s",
                [quote(table), column],
            )
            (column_type,) = cursor.fetchone()
            cursor.execute(
                f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} TYPE {column_type}"
            )
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        catalogue_rewrite(connection)
    return found


def catalogue_rewrite_allowed(cursor):
    """Whether this role may ``VACUUM FULL pg_statistic``: a superuser, the current
    database's owner (or a member of the owning role), or, from PostgreSQL 17, a member
    of ``pg_maintain``. Anyone else is skipped by PostgreSQL with only a warning."""
    cursor.execute(
        "SELECT r.rolsuper OR pg_has_role(current_user, d.datdba, 'MEMBER') OR EXISTS ("
        "  SELECT 1 FROM pg_roles m WHERE m.rolname = 'pg_maintain'"
        "  AND pg_has_role(current_user, m.oid, 'MEMBER'))"
        " FROM pg_roles r, pg_database d"
        " WHERE r.rolname = current_user AND d.datname = current_database()"
    )
    row = cursor.fetchone()
    return bool(row and row[0])


def catalogue_rewrite(connection):
    """``VACUUM FULL pg_statistic`` until no dropped sample is left in its file (a dead
    row an open transaction may still see is kept); True once none is."""
    with connection.cursor() as cursor:
        if not catalogue_rewrite_allowed(cursor):
            log.warning(
                "pg_statistic was not rewritten: only a superuser or the database's owner "
                "may. Run VACUUM FULL pg_catalog.pg_statistic as one (docs/erasure.md)."
            )
            return False
        notices = connection.connection.notices
        for attempt in range(REWRITE_ATTEMPTS):
            if attempt:
                time.sleep(REWRITE_PAUSE_SECONDS)
            del notices[:]
            cursor.execute("VACUUM (FULL, VERBOSE) pg_catalog.pg_statistic")
            kept = sum(int(n) for notice in notices for n in KEPT_DEAD.findall(notice))
            if not kept:
                return True
    log.warning(
        "pg_statistic still holds %s dropped rows: a transaction begun before the erasure is "
        "open. Run VACUUM FULL pg_catalog.pg_statistic once it ends (docs/erasure.md).",
        kept,
    )
    return False

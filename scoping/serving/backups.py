"""Back up and restore the whole database: pg_dump/pg_restore on PostgreSQL,
SQLite's online backup (a consistent copy of the file) otherwise."""

import datetime
import os
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

from activities.records.data_version import data_changed


def _pg_args(settings_dict):
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    args = [
        "--host",
        settings_dict.get("HOST") or "localhost",
        "--port",
        str(settings_dict.get("PORT") or 5432),
        "--username",
        settings_dict.get("USER") or "postgres",
    ]
    return args, env


def backup_path():
    """Where a backup made now goes: ``BACKUPS_DIR/peer-support-<date>-<time>.dump``."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUPS_DIR) / f"peer-support-{stamp}.dump"


def database_backup(*, path):
    """Write the database to ``path`` and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        args, env = _pg_args(db)
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args, db["NAME"]],
            env=env,
            check=True,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
    return path


def database_restore(*, path, none_withdrawn=False):
    """Replace the database's contents with the backup at ``path``, then re-apply erasures.

    The withdrawal ledger is checked first: without a readable one (or, when there
    is none, the operator's word that no one has withdrawn: ``none_withdrawn``) the
    database is not touched and ``LedgerError`` says why.
    Returns the participant codes withdrawn again (``restore_erasures``).
    """
    from interviews.erasure.storage import ledger_for_restore

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No backup file at {path}")
    ledger = ledger_for_restore(none_withdrawn=none_withdrawn)
    database_replace(path)
    # Figures cached before the restore may describe data that is gone now.
    data_changed()
    return restore_erasures(ledger)


def database_replace(path):
    """Replace everything in the database with the backup at ``path``."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        args, env = _pg_args(db)
        connection.close()
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                db["NAME"],
                *args,
                str(path),
            ],
            env=env,
            check=True,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)


def restore_erasures(ledger=None):
    """Withdrawals and the retention purge outlive a restore: apply them again.

    The withdrawal ledger lives outside the database (interviews/erasure/storage.py);
    returns the codes withdrawn again. An old backup restored after the purge
    date is purged again at once.
    """
    from interviews.erasure.purge import interviews_purge
    from interviews.erasure.withdrawal import withdrawals_reapply

    codes = withdrawals_reapply(ledger)
    interviews_purge()
    return codes


def table_row_counts():
    """{table name: rows} for every model table, to compare a restore with its source."""
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts

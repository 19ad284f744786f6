"""Erased means erased: what keeps a withdrawal or the purge true beyond the live tables.

- **The withdrawal ledger**: a file outside the database
  (``INTERVIEWS_WITHDRAWAL_LEDGER``, one JSON line per withdrawal: the code,
  when and who; never a name) that a restore cannot overwrite. A restore
  reads and checks it first (``ledger_for_restore``) and refuses to run
  without a readable one.
  ``withdrawal.withdrawals_reapply`` runs after every restore and withdraws
  again every ledger code the restored database still holds; the purge is
  re-run too, so an old backup cannot bring back data that retention deleted.
- **Old backups**: ``backups_purge`` deletes the backup files that still hold
  purged interview data (made before the purge date, or before the purge
  ran, whichever is later; the ledger records when it ran).
- **Admin history**: ``admin_log_erase`` deletes the admin's log entries
  about a participant's rows, including rows deleted earlier in the admin
  (matched by the code in their description).
- **Database files**: ``tables_vacuum`` rewrites the tables a withdrawal or
  purge deleted from (``tables.erased_tables``) (``VACUUM FULL`` on PostgreSQL, ``VACUUM`` on SQLite),
  so the deleted rows' bytes leave the table files (the planner's statistics:
  ``statistics``). What it cannot reach (WAL, base backups, replicas) is in
  docs/erasure.md.
"""

import datetime
import json
import logging
import re
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

log = logging.getLogger(__name__)

BACKUP_PATTERN = "peer-support-*"


def ledger_path():
    return Path(settings.INTERVIEWS_WITHDRAWAL_LEDGER)


class LedgerError(Exception):
    """The ledger is missing where it must be, or a line of it cannot be read."""


def _entry_check(number, line):
    try:
        entry = json.loads(line)
    except ValueError:
        entry = None
    if not isinstance(entry, dict) or entry.get("event") not in ("withdrawal", "purge"):
        raise LedgerError(f"line {number} of the withdrawal ledger is not a complete record")
    try:
        datetime.datetime.fromisoformat(entry["at"])
        if entry["event"] == "withdrawal" and not str(entry["code"]).strip():
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise LedgerError(
            f"line {number} of the withdrawal ledger lacks a code or a valid date"
        ) from None
    return entry


def ledger_entries():
    """Every line of the ledger as a dict (none if there is no ledger yet).

    Raises ``LedgerError`` naming the first line that is not a whole, valid record.
    """
    path = ledger_path()
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LedgerError(f"the withdrawal ledger at {path} cannot be read: {error}") from None
    return [
        _entry_check(number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def ledger_for_restore(*, none_withdrawn=False):
    """The ledger's entries, checked before a restore replaces anything.

    A restore without the ledger would bring withdrawn people back, so a missing
    ledger is refused unless the operator says no one has withdrawn
    (``none_withdrawn``); a damaged one is always refused.
    """
    path = ledger_path()
    if not path.exists() and not none_withdrawn:
        raise LedgerError(
            f"There is no withdrawal ledger at {path} (INTERVIEWS_WITHDRAWAL_LEDGER), so "
            "the restore could not withdraw again the participants who withdrew after this "
            "backup was made. Put the ledger back there, or, if no participant has ever "
            "withdrawn, run the restore again with --no-one-has-withdrawn."
        )
    try:
        return ledger_entries()
    except LedgerError as error:
        raise LedgerError(
            f"Nothing was restored: {error} ({path}). Repair that line from your copy of "
            "the ledger, then run the restore again."
        ) from None


def ledger_append(**entry):
    """Add one line, flushed to disk before the caller's transaction commits.

    Written inside the withdrawal's transaction: if the ledger cannot be
    written the withdrawal fails, rather than succeed without a record a
    restore would need.
    """
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(entry, sort_keys=True) + "\n")
        file.flush()


def withdrawal_record(*, code, withdrawn_on, by):
    ledger_append(
        event="withdrawal",
        code=code,
        at=withdrawn_on.isoformat(),
        by=by.get_username() if by else None,
    )


def withdrawn_codes():
    return {entry["code"] for entry in ledger_entries() if entry.get("event") == "withdrawal"}


def last_purge():
    """When the purge last deleted interview data (from the ledger), or None."""
    times = [
        datetime.datetime.fromisoformat(entry["at"])
        for entry in ledger_entries()
        if entry.get("event") == "purge"
    ]
    return max(times, default=None)


def backups_folder():
    return Path(settings.BACKUPS_DIR)


def backups_cutoff(purge_day, *, purging_now=False):
    """Backups made before this moment hold interview data that retention deleted.

    ``purging_now``: a purge that deletes data is running (or, for a dry run, would
    run) now, so every backup made until now holds what it deletes.
    """
    start = timezone.make_aware(datetime.datetime.combine(purge_day, datetime.time()))
    moments = [start, last_purge(), timezone.now() if purging_now else None]
    return max(m for m in moments if m is not None)


def backups_expired(purge_day, *, purging_now=False):
    """Backup files older than ``backups_cutoff``, oldest first (none before the purge date)."""
    folder = backups_folder()
    if timezone.localdate() < purge_day or not folder.is_dir():
        return []
    cutoff = backups_cutoff(purge_day, purging_now=purging_now).timestamp()
    found = [p for p in folder.glob(BACKUP_PATTERN) if p.is_file()]
    return sorted((p for p in found if p.stat().st_mtime < cutoff), key=lambda p: p.stat().st_mtime)


def backups_purge(*, purge_day, dry_run=False, purging_now=False):
    """Delete the expired backups (with ``dry_run``, only list them); return their paths."""
    expired = backups_expired(purge_day, purging_now=purging_now)
    if not dry_run:
        for path in expired:
            path.unlink()
    return expired


def admin_log_erase(*, models, codes=None):
    """Delete the admin's log entries about these models' rows.

    With ``codes``, only entries about those participants: rows that still
    exist are matched by id by the caller; rows deleted earlier in the admin
    are matched here by the code in their description (``Identity of
    LDS-07``). Without ``codes`` (the purge), every entry about the models.
    """
    types = ContentType.objects.get_for_models(*models).values()
    entries = LogEntry.objects.filter(content_type__in=types)
    if codes is None:
        return entries.delete()[0]
    deleted = 0
    for code in codes:
        pattern = rf"(^|[^A-Za-z0-9-]){re.escape(code)}($|[^A-Za-z0-9-])"
        matching = [
            pk
            for pk, text in entries.filter(object_repr__contains=code).values_list(
                "pk", "object_repr"
            )
            if re.search(pattern, text)
        ]
        deleted += LogEntry.objects.filter(pk__in=matching).delete()[0]
    return deleted


def tables_vacuum(tables):
    """Rewrite ``tables`` so deleted rows leave the database files; return what ran.

    Only outside a transaction (VACUUM cannot run inside one): withdrawal
    and purge call it after they commit. Failures are logged, not raised:
    the deletion itself has happened; docs/erasure.md says what to do by hand.
    """
    if connection.in_atomic_block:
        return []
    if connection.vendor == "postgresql":
        quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
        statements = [f"VACUUM (FULL, ANALYZE) {quoted}"]
    elif connection.vendor == "sqlite":
        statements = ["VACUUM"]
    else:  # pragma: no cover - the project runs on PostgreSQL and SQLite only
        return []
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    except Exception:  # the rows are gone; the files will be rewritten next time
        log.exception("VACUUM after an erasure failed; run it by hand (docs/erasure.md)")
        return []
    return statements

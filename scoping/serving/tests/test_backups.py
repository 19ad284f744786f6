"""A backup restored into an empty database holds the same rows, table by table.

Runs the real commands in a subprocess against scratch databases of the same
kind as the test run (SQLite files, or new PostgreSQL databases).
"""

import json
import subprocess

import pytest

from scoping.tests.scratch_databases import manage

# Load-shaped: whole-database dumps and restores in subprocesses.
pytestmark = pytest.mark.slow

COUNTS = "from scoping.serving.backups import table_row_counts; counted = table_row_counts()"
TOKEN = "from activities.records.data_version import current_token; token = current_token()"


def state(database_url, *, token=True):
    """(rows of each table, the data version's token or None): one subprocess."""
    code = f"import json; {COUNTS}; {TOKEN if token else 'token = None'}; "
    out = manage(database_url, "shell", "-c", code + "print(json.dumps([counted, token]))")
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_a_backup_restores_into_an_empty_database(scratch_urls, tmp_path):
    source, target = scratch_urls
    manage(source, "setup_local")
    before, source_token = state(source)
    assert before["activities_activity"] == 602
    assert before["auth_group"] == 4

    dump = tmp_path / "backup.dump"
    out = manage(source, "backup_database", str(dump)).stdout
    assert "Backed up" in out and dump.stat().st_size > 0

    empty, _ = state(target, token=False)
    assert empty.get("activities_activity") is None  # empty: no tables yet
    no_ledger = {"INTERVIEWS_WITHDRAWAL_LEDGER": str(tmp_path / "no-ledger.jsonl")}
    out = manage(
        target, "restore_database", str(dump), "--yes", "--no-one-has-withdrawn", env=no_ledger
    ).stdout
    assert "Restored" in out
    after, target_token = state(target)
    # The data, table by table; the restore itself queues a recount of the figures (a
    # job and its queue row), so the job tables may hold one more of each.
    queue = {"scoping_job", "django_tasks_database_dbtaskresult"}
    assert {t: n for t, n in after.items() if t not in queue} == {
        t: n for t, n in before.items() if t not in queue
    }
    assert all(0 <= after[t] - before[t] <= 1 for t in queue)
    # Figures cached before the restore must not be served after it.
    assert target_token != source_token


def test_restore_refuses_without_confirmation(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    with pytest.raises(subprocess.CalledProcessError) as failed:
        manage(url, "restore_database", str(tmp_path / "nothing.dump"), stdin="no\n")
    assert "Not restored" in failed.value.stderr

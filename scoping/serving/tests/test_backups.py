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

COUNTS = "from scoping.serving.backups import table_row_counts; import json; print(json.dumps(table_row_counts()))"


def token(database_url):
    code = "from activities.records.data_version import current_token; print(current_token())"
    return manage(database_url, "shell", "-c", code).stdout.strip().splitlines()[-1]


def counts(database_url):
    out = manage(database_url, "shell", "-c", COUNTS).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.django_db
def test_a_backup_restores_into_an_empty_database(scratch_urls, tmp_path):
    source, target = scratch_urls
    manage(source, "setup_local")
    before = counts(source)
    assert before["activities_activity"] == 602
    assert before["auth_group"] == 4

    dump = tmp_path / "backup.dump"
    out = manage(source, "backup_database", str(dump)).stdout
    assert "Backed up" in out and dump.stat().st_size > 0

    assert counts(target).get("activities_activity") is None  # empty: no tables yet
    no_ledger = {"INTERVIEWS_WITHDRAWAL_LEDGER": str(tmp_path / "no-ledger.jsonl")}
    out = manage(
        target, "restore_database", str(dump), "--yes", "--no-one-has-withdrawn", env=no_ledger
    ).stdout
    assert "Restored" in out
    after = counts(target)
    # The data, table by table; the restore itself queues a recount of the figures (a
    # job and its queue row), so the job tables may hold one more of each.
    queue = {"scoping_job", "django_tasks_database_dbtaskresult"}
    assert {t: n for t, n in after.items() if t not in queue} == {
        t: n for t, n in before.items() if t not in queue
    }
    assert all(0 <= after[t] - before[t] <= 1 for t in queue)
    # Figures cached before the restore must not be served after it.
    assert token(target) != token(source)


def test_restore_refuses_without_confirmation(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    with pytest.raises(subprocess.CalledProcessError) as failed:
        manage(url, "restore_database", str(tmp_path / "nothing.dump"), stdin="no\n")
    assert "Not restored" in failed.value.stderr

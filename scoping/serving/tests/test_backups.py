"""A backup restored into an empty database holds the same rows, table by table.

Runs the real commands in a subprocess against scratch databases of the same
kind as the test run (SQLite files, or new PostgreSQL databases).
"""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

# Load-shaped: whole-database dumps and restores in subprocesses.
pytestmark = pytest.mark.slow

COUNTS = "from scoping.serving.backups import table_row_counts; import json; print(json.dumps(table_row_counts()))"


def manage(database_url, *args, stdin=None, env=None):
    env = {**os.environ, **(env or {}), "DATABASE_URL": database_url, "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        check=True,
    )


def token(database_url):
    code = "from activities.records.data_version import current_token; print(current_token())"
    return manage(database_url, "shell", "-c", code).stdout.strip().splitlines()[-1]


def counts(database_url):
    out = manage(database_url, "shell", "-c", COUNTS).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def scratch_urls(tmp_path):
    """Two empty databases: a source and a restore target."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        base = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"
        names = [f"psd_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
        with connection._nodb_cursor() as cursor:
            for name in names:
                cursor.execute(f"CREATE DATABASE {name}")
        yield [base + name for name in names]
        with connection._nodb_cursor() as cursor:
            for name in names:
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        yield [
            f"sqlite:///{tmp_path / 'source.sqlite3'}",
            f"sqlite:///{tmp_path / 'target.sqlite3'}",
        ]


@pytest.mark.django_db
def test_a_backup_restores_into_an_empty_database(scratch_urls, tmp_path):
    source, target = scratch_urls
    manage(source, "migrate", "--noinput", "-v0")
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
    assert after == before
    # Figures cached before the restore must not be served after it.
    assert token(target) != token(source)


def test_restore_refuses_without_confirmation(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    with pytest.raises(subprocess.CalledProcessError) as failed:
        manage(url, "restore_database", str(tmp_path / "nothing.dump"), stdin="no\n")
    assert "Not restored" in failed.value.stderr

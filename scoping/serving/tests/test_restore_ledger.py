"""Issue 29, finding 5: a restore never runs without a readable withdrawal ledger (unless
the operator says no one has withdrawn), and the ledger is checked before anything is
replaced."""

import json
import subprocess

import pytest
from django.core.management import CommandError, call_command

from interviews.erasure import storage
from interviews.erasure.tests.test_erasure import CREATE, STATE, WITHDRAW
from interviews.models import Participant
from interviews.tests.factories import make_participant
from scoping.serving import backups
from scoping.tests.scratch_databases import manage

pytestmark = pytest.mark.django_db

GOOD = {"event": "withdrawal", "code": "ZZZ-97", "at": "2020-09-01T10:00:00+00:00", "by": "x"}


@pytest.fixture
def replaced(monkeypatch):
    """What would have been restored: the replacement itself is recorded, not run."""
    calls = []
    monkeypatch.setattr(backups, "database_replace", calls.append)
    return calls


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "peer-support-old.dump"
    path.write_bytes(b"a backup")
    return path


def restore(dump, *flags):
    call_command("restore_database", str(dump), "--yes", *flags)


def test_a_restore_without_the_ledger_is_refused_and_touches_nothing(replaced, dump):
    make_participant(code="LDS-01")
    assert not storage.ledger_path().exists()

    with pytest.raises(CommandError) as refused:
        restore(dump)

    assert "There is no withdrawal ledger at" in str(refused.value)
    assert "--no-one-has-withdrawn" in str(refused.value)
    assert replaced == []
    assert Participant.objects.filter(code="LDS-01").exists()


def test_the_operator_may_say_no_one_has_withdrawn(replaced, dump):
    restore(dump, "--no-one-has-withdrawn")
    assert replaced == [dump]


@pytest.mark.parametrize(
    "last_line,problem",
    [
        ('{"event": "withdrawal", "code": "LDS-0', "line 2 of the withdrawal ledger is not a"),
        ('{"event": "withdrawal", "at": "2020-09-02"}', "line 2 of the withdrawal ledger lacks"),
        ('{"event": "withdrawal", "code": "X", "at": "soon"}', "line 2 of the withdrawal"),
        ("[1, 2]", "line 2 of the withdrawal ledger is not a complete record"),
    ],
)
@pytest.mark.parametrize("flags", [(), ("--no-one-has-withdrawn",)], ids=["", "flag"])
def test_a_damaged_ledger_is_refused_before_anything_is_replaced(
    replaced, dump, last_line, problem, flags
):
    path = storage.ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(GOOD) + "\n" + last_line + "\n", encoding="utf-8")
    make_participant(code="LDS-01")

    with pytest.raises(CommandError) as refused:
        restore(dump, *flags)

    assert str(refused.value).startswith("Nothing was restored: " + problem)
    assert replaced == []
    assert Participant.objects.filter(code="LDS-01").exists()


def test_a_readable_ledger_is_reapplied_as_it_was_checked(replaced, dump):
    storage.ledger_append(**GOOD)
    make_participant(code="ZZZ-97")

    restore(dump)

    assert replaced == [dump]
    assert not Participant.objects.filter(code="ZZZ-97").exists()


@pytest.mark.slow  # backs up and restores the database in subprocesses
def test_a_real_restore_without_the_ledger_fails_and_keeps_the_withdrawal(
    scratch_urls,
    tmp_path,
):
    source, _target = scratch_urls
    ledger = tmp_path / "ledger" / "withdrawn.jsonl"
    env = {
        "INTERVIEWS_WITHDRAWAL_LEDGER": str(ledger),
        "INTERVIEWS_WITHDRAWAL_DEADLINE": "2099-12-31",
        "PROJECT_END_DATE": "2099-06-30",
    }
    manage(source, "shell", "-c", CREATE, env=env)
    dump = tmp_path / "before-withdrawal.dump"
    manage(source, "backup_database", str(dump), env=env)
    manage(source, "shell", "-c", WITHDRAW, env=env)
    ledger.rename(tmp_path / "ledger-elsewhere.jsonl")  # lost, as on a new machine

    with pytest.raises(subprocess.CalledProcessError) as failed:
        manage(source, "restore_database", str(dump), "--yes", env=env)

    assert failed.value.returncode != 0
    assert "There is no withdrawal ledger" in failed.value.stderr
    out = manage(source, "shell", "-c", STATE, env=env).stdout
    assert json.loads(out.strip().splitlines()[-1]) == [0, 0, ["ZZZ-97"]]


@pytest.mark.parametrize(
    ("extra", "command_end"),
    [([], "restore_database x.dump"), (["NO_ONE_HAS_WITHDRAWN=1"], "--no-one-has-withdrawn")],
)
def test_make_restore_passes_the_operators_word_only_when_given(extra, command_end, settings):
    """`make restore` is how the deploy notes restore; it says no one has withdrawn only
    when the operator does."""
    out = subprocess.run(
        ["make", "--no-print-directory", "-n", "restore", "FILE=x.dump", *extra],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout  # CI runs this under make: a nested make would also say where it is
    [printed] = [line for line in out.splitlines() if "manage.py restore_database" in line]

    assert printed.rstrip().endswith(command_end)

"""Erased means erased: withdrawals outlive a restore, old backups go, and lookups are logged."""

import datetime
import json
import os
from io import StringIO

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction

from interviews.erasure import storage
from interviews.erasure.tables import erased_tables
from interviews.erasure.withdrawal import withdraw_participant, withdrawals_reapply
from interviews.models import (
    AccessLogEntry,
    Participant,
    ParticipantIdentity,
    RedactionLogEntry,
    Withdrawal,
)
from interviews.tests.factories import make_interview, make_participant, round_dates
from scoping.tests.scratch_databases import manage

pytestmark = pytest.mark.django_db

CREATE = (
    "from interviews.tests.factories import make_participant; "
    "make_participant(code='ZZZ-97', name='Zebedee Quuxington')"
)
WITHDRAW = (
    "from interviews.models import Participant; from interviews.erasure.withdrawal import "
    "withdraw_participant; withdraw_participant(participant=Participant.objects.get("
    "code='ZZZ-97'), by=None)"
)
STATE = (
    "import json; from interviews.models import Participant, ParticipantIdentity, Withdrawal; "
    "print(json.dumps([Participant.objects.filter(code='ZZZ-97').count(), "
    "ParticipantIdentity.objects.filter(name__contains='Quuxington').count(), "
    "list(Withdrawal.objects.values_list('code', flat=True))]))"
)


def state(url, env):
    out = manage(url, "shell", "-c", STATE, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.slow  # backs up and restores the database in subprocesses
def test_backup_withdraw_restore_leaves_the_participant_withdrawn(scratch_urls, tmp_path):
    source, _target = scratch_urls
    env = {
        "INTERVIEWS_WITHDRAWAL_LEDGER": str(tmp_path / "ledger" / "withdrawn.jsonl"),
        "INTERVIEWS_WITHDRAWAL_DEADLINE": "2099-12-31",
        "PROJECT_END_DATE": "2099-06-30",
    }
    manage(source, "shell", "-c", CREATE, env=env)
    dump = tmp_path / "before-withdrawal.dump"
    manage(source, "backup_database", str(dump), env=env)
    manage(source, "shell", "-c", WITHDRAW, env=env)
    assert state(source, env) == [0, 0, ["ZZZ-97"]]

    out = manage(source, "restore_database", str(dump), "--yes", env=env).stdout

    assert "Withdrawn again (they withdrew after this backup was made): ZZZ-97" in out
    assert state(source, env) == [0, 0, ["ZZZ-97"]]
    ledger = (tmp_path / "ledger" / "withdrawn.jsonl").read_text()
    assert "ZZZ-97" in ledger and "Quuxington" not in ledger


def test_withdrawal_writes_the_code_to_the_ledger_and_no_name(interviewer):
    participant = make_participant(code="ZZZ-97", name="Zebedee Quuxington")

    withdraw_participant(participant=participant, by=interviewer)

    [entry] = storage.ledger_entries()
    assert entry["code"] == "ZZZ-97"
    assert entry["by"] == interviewer.get_username()
    assert "Quuxington" not in json.dumps(entry)


def test_reapplying_withdraws_what_a_restore_brought_back(interviewer):
    storage.ledger_append(
        event="withdrawal", code="ZZZ-97", at="2020-09-01T10:00:00+00:00", by="nobody-known"
    )
    make_participant(code="ZZZ-97", name="Zebedee Quuxington")
    make_participant(code="LDS-01", name="Ann Other")

    assert withdrawals_reapply() == ["ZZZ-97"]

    assert list(Participant.objects.values_list("code", flat=True)) == ["LDS-01"]
    assert not ParticipantIdentity.objects.filter(name="Zebedee Quuxington").exists()
    tombstone = Withdrawal.objects.get()
    assert (tombstone.code, tombstone.withdrawn_on.year) == ("ZZZ-97", 2020)


def test_a_withdrawal_that_cannot_be_recorded_is_not_made(interviewer, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.INTERVIEWS_WITHDRAWAL_LEDGER = blocker / "withdrawn.jsonl"  # a file as folder
    participant = make_participant(code="ZZZ-97")

    with pytest.raises(OSError):
        withdraw_participant(participant=participant, by=interviewer)

    assert Participant.objects.filter(code="ZZZ-97").exists()
    assert not Withdrawal.objects.exists()


# Old backups -------------------------------------------------------------------

END = datetime.date(2021, 3, 31)  # purge date: 30 September 2021


def backup_file(settings, name, when):
    folder = settings.BACKUPS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"peer-support-{name}.dump"
    path.write_bytes(b"backup")
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def at(day, hour=9):
    return datetime.datetime(2021, *day, hour, 0, tzinfo=datetime.UTC)


def purge(*args):
    out = StringIO()
    call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


def test_purge_removes_backups_that_hold_purged_data(settings, interviewer):
    round_dates(project_end=END)
    make_participant()
    old = backup_file(settings, "old", at((9, 1)))
    late = backup_file(settings, "made-after-the-purge-date", at((10, 2)))
    unrelated = settings.BACKUPS_DIR / "notes.txt"
    unrelated.write_text("kept")

    with time_machine.travel(at((9, 29)), tick=False):
        early = purge()
    assert old.exists() and "Nothing deleted" in early

    with time_machine.travel(at((10, 5)), tick=False):
        output = purge()

    assert "Deleted 2 backup files." in output
    assert not old.exists() and not late.exists()
    assert unrelated.exists()


def test_backups_made_after_the_purge_are_kept(settings, interviewer):
    round_dates(project_end=END)
    make_participant()
    with time_machine.travel(at((10, 5)), tick=False):
        purge()
    fresh = backup_file(settings, "fresh", at((10, 6)))

    with time_machine.travel(at((10, 7)), tick=False):
        output = purge()

    assert "Deleted 0 backup files." in output
    assert fresh.exists()


def test_purge_dry_run_names_the_backups_it_would_delete(settings, interviewer):
    round_dates(project_end=END)
    old = backup_file(settings, "old", at((9, 1)))

    with time_machine.travel(at((10, 5)), tick=False):
        output = purge("--dry-run")

    assert "Would delete 1 backup files." in output
    assert old.exists()


# The admin's log -------------------------------------------------------------


def deleted_identity_log(user, code, object_id):
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(ParticipantIdentity),
        object_id=str(object_id),
        object_repr=f"Identity of {code}",
        action_flag=DELETION,
    )


def test_withdrawal_removes_the_log_of_an_identity_deleted_earlier(interviewer):
    participant = make_participant(code="ZZZ-97", name="Zebedee Quuxington")
    deleted_identity_log(interviewer, "ZZZ-97", 99999)
    other = deleted_identity_log(interviewer, "ZZZ-970", 99998)

    withdraw_participant(participant=participant, by=interviewer)

    assert list(LogEntry.objects.values_list("pk", flat=True)) == [other.pk]


def test_purge_removes_the_log_of_rows_deleted_earlier(settings, interviewer):
    round_dates(project_end=END)
    make_participant(code="ZZZ-97")
    deleted_identity_log(interviewer, "ZZZ-96", 99999)

    with time_machine.travel(at((10, 5)), tick=False):
        purge()

    assert not LogEntry.objects.filter(content_type__app_label="interviews").exists()


# Database files ------------------------------------------------------------------


def test_no_vacuum_inside_a_transaction():
    with transaction.atomic():
        assert storage.tables_vacuum(erased_tables()) == []


# serialized_rollback: see test_statistics.py's erasure test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_erased_tables_are_vacuumed_after_commit():
    statements = storage.tables_vacuum(erased_tables())

    if connection.vendor == "postgresql":
        assert statements[0].startswith("VACUUM (FULL, ANALYZE) ")
        for table in ("interviews_accesslogentry", "interviews_participantidentity"):
            assert f'"{table}"' in statements[0]
        assert '"django_admin_log"' in statements[0]
    else:
        assert statements == ["VACUUM"]


def test_withdrawal_schedules_the_vacuum(
    interviewer, django_capture_on_commit_callbacks, monkeypatch
):
    participant = make_participant()
    vacuumed = []
    monkeypatch.setattr(storage, "tables_vacuum", vacuumed.append)

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_participant(participant=participant, by=interviewer)

    assert vacuumed == [erased_tables()]
    assert "interviews_participantidentity" in vacuumed[0]


# The access log ------------------------------------------------------------------


def searched(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return list(AccessLogEntry.objects.filter(event="search").values_list("participant__code"))


@pytest.mark.parametrize("lookup", ["name__icontains", "contact__icontains"])
def test_an_identity_lookup_is_logged_for_each_participant_found(client_for, interviewer, lookup):
    make_participant(code="ZZZ-97", name="Zebedee Quuxington")
    make_participant(code="ZZZ-98", name="Ann Other")
    value = "Quux" if lookup.startswith("name") else "jane@"

    found = searched(
        client_for(interviewer), "/admin/interviews/participantidentity/", **{lookup: value}
    )

    expected = [("ZZZ-97",)] if lookup.startswith("name") else [("ZZZ-97",), ("ZZZ-98",)]
    assert sorted(found) == expected


def test_a_transcript_lookup_is_logged(client_for, interviewer):
    make_interview(make_participant(code="ZZZ-97"), transcript="I had a breakdown last year.")
    make_interview(make_participant(code="ZZZ-98"), transcript="Groups help.")

    found = searched(
        client_for(interviewer), "/admin/interviews/interview/", transcript__icontains="breakdown"
    )

    assert found == [("ZZZ-97",)]


def test_a_lookup_on_redacted_text_is_logged(client_for, interviewer):
    interview = make_interview(make_participant(code="ZZZ-97"))
    RedactionLogEntry.objects.create(
        interview=interview, kind="name", original="Zebedee", replacement="[NAME 1]", start=0, end=7
    )

    found = searched(
        client_for(interviewer),
        "/admin/interviews/redactionlogentry/",
        original__icontains="zebedee",
    )

    assert found == [("ZZZ-97",)]


def test_a_plain_list_is_not_logged(client_for, interviewer):
    make_participant(code="ZZZ-97")

    assert searched(client_for(interviewer), "/admin/interviews/participantidentity/") == []


def test_opening_a_redaction_log_entry_is_logged(client_for, interviewer):
    interview = make_interview(make_participant(code="ZZZ-97"))
    entry = RedactionLogEntry.objects.create(
        interview=interview, kind="name", original="Zebedee", replacement="[NAME 1]", start=0, end=7
    )

    response = client_for(interviewer).get(
        f"/admin/interviews/redactionlogentry/{entry.pk}/change/"
    )

    assert response.status_code == 200
    assert "Zebedee" in response.content.decode()
    logged = AccessLogEntry.objects.get(event="redactions")
    assert (logged.participant.code, logged.interview_id) == ("ZZZ-97", interview.pk)


# Downloads and the withdraw action ---------------------------------------------------


def test_the_subject_access_file_is_not_stored_by_caches(client_for, interviewer):
    participant = make_participant()

    response = client_for(interviewer).get(
        f"/interviews/participants/{participant.pk}/subject-access.json"
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_excerpts_workbook_is_not_stored_by_caches(client_for, interviewer):
    response = client_for(interviewer).get("/interviews/excerpts/export.xlsx")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_withdraw_action_asks_first_and_names_who_goes(client_for, interviewer):
    participant = make_participant(code="ZZZ-97", name="Zebedee Quuxington")
    client = client_for(interviewer)
    selection = {"action": "withdraw", "_selected_action": [participant.pk]}

    asked = client.post("/admin/interviews/participant/", selection)

    page = asked.content.decode()
    assert "1 participant will be erased" in page
    assert "ZZZ-97" in page and "Zebedee Quuxington" in page
    assert Participant.objects.filter(pk=participant.pk).exists()

    done = client.post(
        "/admin/interviews/participant/", {**selection, "confirm": "yes"}, follow=True
    )

    assert "ZZZ-97 withdrawn" in done.content.decode()
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_admin_history_is_still_erased_by_withdrawal(interviewer):
    participant = make_participant(code="ZZZ-97")
    LogEntry.objects.log_actions(
        user_id=interviewer.pk, queryset=[participant], action_flag=CHANGE, change_message="x"
    )

    withdraw_participant(participant=participant, by=interviewer)

    assert not LogEntry.objects.exists()

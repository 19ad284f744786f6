"""The master-sheet import as jobs: progress in rows, one import at a time, the command."""

import io

import pytest
from django.core.management import call_command

from activities.master_sheet.jobs import (
    LOCK,
    WAITING,
    file_import_start,
    import_start,
    preview_start,
)
from activities.models import Activity, ImportRun
from activities.tests.workbooks import CANONICAL, row, workbook_bytes
from scoping.jobs.models import Job, JobLock

pytestmark = pytest.mark.django_db


def sheet(count):
    return workbook_bytes({"Leeds": [CANONICAL, *(row(f"Group {n}") for n in range(count))]})


def test_a_preview_then_an_import_report_their_rows(champion, client):
    preview_job = preview_start(data=sheet(30), file_name="master.xlsx", user=champion)
    assert preview_job.state == Job.State.DONE
    assert (preview_job.done, preview_job.total, preview_job.unit) == (30, 30, "rows")
    assert "30 new" in preview_job.message and Activity.objects.count() == 0
    job = import_start(preview=ImportRun.objects.get(), user=champion)
    assert job.state == Job.State.DONE and (job.done, job.total) == (30, 30)
    assert job.message == "Imported master.xlsx: 30 new, 0 updated, 0 unchanged."
    assert Activity.objects.count() == 30
    client.force_login(champion)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "30 of 30 rows" in page and "/admin/activities/importrun/" in page


def test_a_second_import_waits_while_the_first_holds_the_lock(champion, monkeypatch):
    preview_start(data=sheet(2), file_name="master.xlsx", user=champion)
    first = Job.objects.create(kind="master_sheet_import", title="First", state="running")
    JobLock.objects.create(name=LOCK, job=first)
    seen = []

    def sleep(seconds):  # the first import finishes while the second waits
        seen.append(Job.objects.filter(message=WAITING, state="running").exists())
        Job.objects.filter(pk=first.pk).update(state="done")

    monkeypatch.setattr("scoping.jobs.locks.time.sleep", sleep)
    job = import_start(preview=ImportRun.objects.get(), user=champion)
    assert seen == [True]
    assert job.state == Job.State.DONE and Activity.objects.count() == 2


def test_an_import_with_errors_fails_naming_sheet_row_and_field():
    data = workbook_bytes({"Leeds": [CANONICAL, row("Walk"), row("Bad", sector="Charityy")]})
    job = file_import_start(data=data, file_name="master.xlsx")
    assert job.state == Job.State.FAILED
    assert job.message == "The sheet has errors; nothing was imported."
    run = ImportRun.objects.get()
    assert job.result_url == f"/admin/activities/importrun/{run.pk}/change/"
    assert "Leeds!3 Sector: Charityy" in run.problems[0]
    assert Activity.objects.count() == 0


def test_the_command_queues_an_import_in_the_background(tmp_path):
    path = tmp_path / "master.xlsx"
    path.write_bytes(sheet(3))
    output = io.StringIO()
    call_command("import_master_sheet", str(path), "--background", stdout=output)
    job = Job.objects.get()
    assert output.getvalue().startswith(f"Job {job.pk}: done.")
    assert job.owner is None and job.input is None and Activity.objects.count() == 3

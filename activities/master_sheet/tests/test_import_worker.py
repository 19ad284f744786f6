"""A worker killed in the middle of an import: nothing written, the job failed, run again."""

import signal

import pytest

from activities.master_sheet.jobs import file_import_start
from activities.models import Activity
from activities.tests.workbooks import CANONICAL, row, workbook_bytes
from scoping.jobs.models import Job
from scoping.jobs.services import WORKER_STOPPED, jobs_fail_stale
from scoping.jobs.tests.worker_process import wait_for, worker, worker_database  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROWS = 6000


def test_a_worker_killed_while_writing_leaves_no_rows(worker_database, tmp_path):  # noqa: F811
    data = workbook_bytes({"Leeds": [CANONICAL, *(row(f"Group {n}") for n in range(ROWS))]})
    job = file_import_start(data=data, file_name="big.xlsx")
    url = worker_database()
    with worker(url, tmp_path / "first.log") as process:
        wait_for(
            lambda: Job.objects.filter(pk=job.pk, message__startswith="Writing").exists(),
            timeout=120,
            what="the writing step",
        )
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert Activity.objects.count() == 0
    assert jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.message == WORKER_STOPPED

    again = file_import_start(data=data, file_name="big.xlsx")
    with worker(url, tmp_path / "second.log"):
        wait_for(lambda: Job.objects.get(pk=again.pk).is_finished, timeout=180, what="the import")
    again.refresh_from_db()
    assert again.state == Job.State.DONE, again.message
    assert Activity.objects.count() == ROWS

"""Jobs through the real worker process on the test's database (SQLite or PostgreSQL,
whichever the suite runs on; CI runs both)."""

import os
import signal

import pytest

from scoping.jobs.models import Job
from scoping.jobs.services import WORKER_STOPPED, job_start, jobs_fail_stale
from scoping.jobs.tests.tasks import count_rows
from scoping.jobs.tests.worker_process import wait_for, worker

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_job_runs_end_to_end_through_the_worker(worker_database, champion, client, tmp_path):
    job = job_start(
        task=count_rows, kind="count", title="Count rows", owner=champion,
        params={"total": 20, "sleep": 0.1},
    )  # fmt: skip
    assert job.state == Job.State.WAITING  # nothing runs it in this process
    url = worker_database()
    client.force_login(champion)
    with worker(url, tmp_path / "worker.log") as process:
        moving = wait_for(
            lambda: Job.objects.filter(pk=job.pk, done__gt=0, done__lt=20).first(),
            what="progress",
        )
        # the worker gives way to web requests: JOBS_WORKER_NICENESS, 10 unless set
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == max(10, os.nice(0))
        page = client.get(f"/jobs/{job.pk}/").content.decode()
        assert f"{moving.done} of 20 rows" in page or "of 20 rows" in page
        wait_for(lambda: Job.objects.get(pk=job.pk).state == Job.State.DONE, what="the end")
    job.refresh_from_db()
    assert (job.done, job.total, job.message) == (20, 20, "Counted 20 rows.")
    assert job.worker_id and job.started and job.finished
    assert "Counted 20 rows." in client.get(f"/jobs/{job.pk}/").content.decode()


def test_a_killed_workers_job_fails_saying_so(worker_database, champion, tmp_path):
    job = job_start(
        task=count_rows, kind="count", title="Count rows", owner=champion,
        params={"total": 200, "sleep": 0.1},
    )  # fmt: skip
    url = worker_database()
    with worker(url, tmp_path / "worker.log") as process:
        wait_for(lambda: Job.objects.filter(pk=job.pk, done__gt=1).exists(), what="progress")
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.message == WORKER_STOPPED

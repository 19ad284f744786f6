"""A large export through the real worker (``run_worker``), on SQLite and PostgreSQL:
the view answers with the job, the worker writes the file, the owner downloads every row."""

import io

import pytest
from openpyxl import load_workbook

from activities.directory import export_jobs
from activities.models import Activity
from activities.tests.directory_data import make_directory
from activities.tests.factories import make_activity
from scoping.jobs.models import Job
from scoping.jobs.tests.worker_process import wait_for, worker, worker_database  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_large_export_is_written_by_the_worker(
    worker_database,  # noqa: F811
    client_for,
    analyst,
    monkeypatch,
    tmp_path,
):
    make_directory()
    for n in range(40):
        make_activity(f"Leeds Group {n:02}", place="leeds")
    monkeypatch.setattr(export_jobs, "INSTANT_ROWS", 10)
    url = worker_database()
    client = client_for(analyst)
    response = client.get("/activities/export.xlsx?place=leeds")
    job = Job.objects.get(kind=export_jobs.KIND)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.WAITING  # nothing written in the request
    with worker(url, tmp_path / "worker.log"):
        wait_for(lambda: Job.objects.get(pk=job.pk).is_finished, timeout=120, what="the export")
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.message
    leeds = Activity.objects.filter(place__slug="leeds").count()
    assert (job.done, job.total) == (leeds, leeds)
    assert f"{leeds:,} of {leeds:,} rows" in client.get(f"/jobs/{job.pk}/").content.decode()
    book = load_workbook(io.BytesIO(client.get(f"/jobs/{job.pk}/file/").content), read_only=True)
    names = [r[0] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    expected = Activity.objects.filter(place__slug="leeds").values_list("name", flat=True)
    assert sorted(names) == sorted(expected) and len(names) == leeds > 40

"""Large directory exports run as jobs; small ones stay instant; only the owner gets the file.

The tests lower ``INSTANT_ROWS`` so the demo-sized directory counts as large; the jobs
run with the tests' immediate backend (the real worker is ``scoping/jobs``' own test).
"""

import csv
import io

import pytest
from openpyxl import load_workbook

from activities.directory import export_jobs
from activities.directory.disclaimer import DISCLAIMER_SHEET
from activities.master_sheet.export import Named
from activities.models import Activity
from activities.tests.directory_data import make_directory
from activities.tests.factories import make_activity, make_shared_activity
from scoping.jobs.models import Job, JobFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def few_rows_are_many(monkeypatch):
    monkeypatch.setattr(export_jobs, "INSTANT_ROWS", 1)


def instant_csv_rows(client, query):
    response = client.get(f"/activities/export.csv?{query}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def the_job(response):
    assert response.status_code == 302
    job = Job.objects.get(kind=export_jobs.KIND)
    assert response["Location"] == f"/jobs/{job.pk}/"
    return job


def test_an_export_at_the_limit_stays_instant(client_for, analyst, monkeypatch):
    make_directory()
    monkeypatch.setattr(export_jobs, "INSTANT_ROWS", Activity.objects.count())
    client = client_for(analyst)
    assert instant_csv_rows(client, "")[1:]  # a download, not a job
    assert client.get("/activities/export.xlsx").status_code == 200
    assert not Job.objects.filter(kind=export_jobs.KIND).exists()


@pytest.mark.parametrize(
    "query", ["", "place=leeds&place=calderdale", "order=-date_scoped", "q=forum"]
)
def test_a_large_csv_export_is_a_job_whose_file_holds_every_row(
    client_for, analyst, few_rows_are_many, monkeypatch, query
):
    make_directory()
    make_activity("Bradford Carers Forum", place="wakefield")
    make_shared_activity("Wakefield and Leeds Forum", places=("leeds", "wakefield"))
    client = client_for(analyst)
    monkeypatch.setattr(export_jobs, "INSTANT_ROWS", 10**6)
    expected = instant_csv_rows(client, query)
    rows = sum(1 for row in expected if len(row) > 1) - 1  # not the header, nor a disclaimer
    monkeypatch.setattr(export_jobs, "INSTANT_ROWS", rows - 1)
    assert rows > 1, query
    job = the_job(client.get(f"/activities/export.csv?{query}"))
    job.refresh_from_db()
    assert job.owner == analyst and job.kind == "directory_export"
    assert job.state == Job.State.DONE
    assert (job.done, job.total, job.unit) == (rows, rows, "rows")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"{job.done:,} of {job.total:,} rows" in page
    assert f'href="/jobs/{job.pk}/file/"' in page
    download = client.get(f"/jobs/{job.pk}/file/")
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="activities-' in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows == expected


def test_a_large_xlsx_export_is_a_job_whose_workbook_holds_every_row(
    client_for, analyst, monkeypatch
):
    make_directory()
    client = client_for(analyst)
    instant = load_workbook(io.BytesIO(client.get("/activities/export.xlsx?sector=nhs").content))
    monkeypatch.setattr(export_jobs, "INSTANT_ROWS", 1)
    job = the_job(client.get("/activities/export.xlsx?sector=nhs"))
    data = client.get(f"/jobs/{job.pk}/file/").content
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == instant.sheetnames and book.sheetnames[0] == DISCLAIMER_SHEET
    written = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert written == [list(r) for r in instant.worksheets[1].iter_rows(values_only=True)]
    assert len(written) - 1 == Activity.objects.filter(sector="nhs").count() == job.total > 1
    assert JobFile.objects.get(job=job).name.endswith(".xlsx")


def test_nobody_else_sees_the_export_or_downloads_its_file(
    client_for, analyst, make_user, champion, superuser, few_rows_are_many
):
    make_directory()
    job = the_job(client_for(analyst).get("/activities/export.csv"))
    other = make_user("another analyst", "Analysts")
    for user in (other, champion, superuser):
        client = client_for(user)
        assert client.get(f"/jobs/{job.pk}/file/").status_code == 404
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
    client.logout()
    response = client.get(f"/jobs/{job.pk}/file/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(analyst).get(f"/jobs/{job.pk}/file/").status_code == 200


def test_roles_without_the_directory_start_no_export(client, few_rows_are_many):
    make_directory()
    response = client.get("/activities/export.csv")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Job.objects.filter(kind=export_jobs.KIND).exists()


def test_an_invalid_filter_goes_back_to_the_list_without_a_job(
    client_for, analyst, few_rows_are_many
):
    make_directory()
    response = client_for(analyst).get("/activities/export.xlsx?place=narnia")
    assert response.status_code == 302 and response["Location"].startswith("/activities/?")
    assert not Job.objects.filter(kind=export_jobs.KIND).exists()


def test_progress_counts_rows_as_the_writer_reads_them(monkeypatch):
    """The writer reads named pks a slice at a time; each slice moves the progress."""
    seen = []

    class Recorder:
        def update(self, done):
            seen.append(done)

    pks = export_jobs._Counted(range(2000), Recorder())
    named = Named(pks, index=None)
    assert [named.pks[s : s + 900] for s in range(0, 2000, 900)][2] == list(range(1800, 2000))
    assert seen == [0, 900, 1800]

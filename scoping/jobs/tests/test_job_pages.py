"""The job pages: progress, result, errors, cancel, and nobody seeing another's job."""

import datetime

import pytest
from django.utils import timezone

from scoping.jobs.models import Job, JobFile
from scoping.jobs.services import job_start, jobs_prune
from scoping.jobs.tests.tasks import count_rows

pytestmark = pytest.mark.django_db


def start(owner, **params):
    return job_start(task=count_rows, kind="count", title="Count rows", owner=owner, params=params)


def test_it_runs_and_shows_the_result(client, champion):
    job = start(champion, total=5)
    assert job.state == Job.State.DONE and (job.done, job.total) == (5, 5)
    client.force_login(champion)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Counted 5 rows." in page
    assert 'href="/"' in page and "Back to the start" in page
    assert "hx-trigger" not in page  # finished: it stops asking


def test_a_running_job_shows_a_progress_bar_that_refreshes(client, champion):
    job = Job.objects.create(owner=champion, kind="count", title="Import", state="running")
    Job.objects.filter(pk=job.pk).update(done=12300, total=49900)
    client.force_login(champion)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert '<progress id="job-progress" class="psd-progress" max="49900" value="12300">' in page
    assert "12,300 of 49,900 rows" in page
    assert 'hx-trigger="every 2s"' in page
    assert "Reload this page" in page  # without JavaScript
    assert "<script>" not in page and "js/htmx.min.js" in page
    partial = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="job-status"') and "<html" not in partial


def test_a_job_that_raises_shows_a_plain_message_and_keeps_the_traceback(client, champion):
    job = start(champion, total=3, fail_at=2)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.done == 1
    assert "ValueError: a detail only staff should see" in job.error_detail
    client.force_login(champion)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "This job failed" in page and "nothing was changed" in page
    assert "Traceback" not in page and "a detail only staff" not in page


def test_a_refusal_is_shown_as_it_is(client, champion):
    job = start(champion, total=3, refuse_at=3)
    client.force_login(champion)
    assert "Row 3 cannot be counted." in client.get(f"/jobs/{job.pk}/").content.decode()
    assert Job.objects.get(pk=job.pk).error_detail == ""


def test_its_owner_cancels_a_waiting_job_and_it_never_runs(client, champion):
    job = Job.objects.create(owner=champion, kind="count", title="Count", params={"total": 2})
    client.force_login(champion)
    response = client.post(f"/jobs/{job.pk}/cancel/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    count_rows.enqueue(job.pk)  # the queue's copy, taken later by a worker
    assert Job.objects.get(pk=job.pk).state == Job.State.CANCELLED
    assert "Cancelled" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_a_running_job_stops_at_its_next_progress_when_cancelled(client, champion):
    job = Job.objects.create(owner=champion, kind="count", title="Count", params={"total": 4})
    Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    count_rows.enqueue(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and job.message.startswith("Cancelled")


def test_nobody_sees_anothers_job_or_its_file(client, champion, analyst, commissioner, superuser):
    job = start(champion, total=2, file=True)
    urls = [f"/jobs/{job.pk}/", f"/jobs/{job.pk}/file/"]
    for user in (analyst, commissioner, superuser):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(f"/jobs/{job.pk}/cancel/").status_code == 404
        assert "Count rows" not in client.get("/jobs/").content.decode()
    client.logout()
    assert client.get(urls[0]).status_code == 302  # sign in first
    client.force_login(champion)
    assert "Count rows" in client.get("/jobs/").content.decode()
    download = client.get(urls[1])
    assert download.status_code == 200 and download.content == b"n\n1\n"
    assert download["Content-Disposition"] == 'attachment; filename="rows.csv"'


def test_files_expire_after_seven_days(client, champion):
    job = start(champion, total=1, file=True)
    file = JobFile.objects.get(job=job)
    assert file.expires - timezone.now() > datetime.timedelta(days=6, hours=23)
    deleted = jobs_prune(now=timezone.now() + datetime.timedelta(days=7, minutes=1))
    assert deleted["job files"] == 1
    client.force_login(champion)
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 404
    assert Job.objects.filter(pk=job.pk).exists()  # the job's record stays for 30 days
    jobs_prune(now=timezone.now() + datetime.timedelta(days=31))
    assert not Job.objects.filter(pk=job.pk).exists()

"""A backup started from the admin: superusers only, a job that ends naming the file it
wrote into the backup folder, never a download; a second click lands on the one under way."""

import pytest

from scoping.jobs.models import Job, JobFile
from scoping.serving.models import BACKUP_KIND

pytestmark = pytest.mark.django_db
ADMIN = "/admin/scoping/databasebackup/"


# The backup reads committed data (pg_dump; SQLite's backup waits on an open write), so
# this test commits what it writes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_superuser_backs_up_from_the_admin_and_the_file_stays_in_the_folder(
    client_for, superuser, settings
):
    client = client_for(superuser)
    listing = client.get(ADMIN).content.decode()
    assert "Back up the database now" in listing and "none is offered for download" in listing
    response = client.post(f"{ADMIN}start/")
    job = Job.objects.get(kind=BACKUP_KIND)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.owner, job.state, job.done, job.total) == (superuser, Job.State.DONE, 2, 2)
    [written] = list(settings.BACKUPS_DIR.glob("peer-support-*.dump"))
    assert written.stat().st_size > 0
    assert f"to {written.name} (" in job.message and "never offered for download" in job.message
    assert not JobFile.objects.filter(job=job).exists()  # no copy in the database
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert written.name in page and f"/jobs/{job.pk}/file/" not in page
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 404
    listing = client.get(ADMIN).content.decode()
    assert written.name in listing  # the list of backups says which file each wrote
    assert client.get(f"{ADMIN}{job.pk}/change/").status_code == 200


@pytest.mark.parametrize("role", ["champion", "interviewer"])
def test_no_one_but_a_superuser_may_back_up_or_see_the_backups(client_for, role, request):
    client = client_for(request.getfixturevalue(role))
    assert client.get(ADMIN).status_code == 403
    assert client.post(f"{ADMIN}start/").status_code == 403
    assert "Database backups" not in client.get("/admin/").content.decode()
    assert not Job.objects.exists()


def test_a_get_starts_nothing(client_for, superuser):
    assert client_for(superuser).get(f"{ADMIN}start/").status_code == 405
    assert not Job.objects.exists()


def test_a_second_click_lands_on_the_backup_under_way(client_for, superuser, settings):
    running = Job.objects.create(
        owner=superuser, kind=BACKUP_KIND, title="Backup", state=Job.State.RUNNING
    )
    response = client_for(superuser).post(f"{ADMIN}start/")
    assert response["Location"] == f"/jobs/{running.pk}/"
    assert Job.objects.filter(kind=BACKUP_KIND).count() == 1
    assert not settings.BACKUPS_DIR.exists() or not any(settings.BACKUPS_DIR.iterdir())

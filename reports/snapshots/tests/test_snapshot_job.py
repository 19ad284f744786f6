"""Taking a snapshot from the admin: a superuser's job with progress in areas, ending with
a link to the snapshot; nobody else may; a second click lands on the one under way; and
through the real worker process."""

import pytest

from activities.models import Place
from activities.tests.factories import make_activity
from reports.models import Snapshot
from reports.snapshots import jobs
from scoping.jobs.models import Job, JobLock
from scoping.jobs.tests.worker_process import wait_for, worker, worker_database  # noqa: F401

ADMIN = "/admin/reports/snapshot/"


@pytest.mark.django_db
def test_a_superuser_takes_a_snapshot_from_the_admin_and_sees_it_done(client_for, superuser):
    make_activity("Leeds Walk", place="leeds")
    client = client_for(superuser)
    listing = client.get(ADMIN).content.decode()
    assert f'href="{ADMIN}take/"' in listing and "Take a snapshot now" in listing
    assert "Take the snapshot" in client.get(f"{ADMIN}take/").content.decode()
    response = client.post(
        f"{ADMIN}take/", {"name": "  Re-scoping   2027 ", "label": "the 2027 re-scoping"}
    )
    job = Job.objects.get(kind=jobs.KIND)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    snapshot = Snapshot.objects.get(slug="re-scoping-2027")
    assert (snapshot.name, snapshot.label, snapshot.taken_by) == (
        "Re-scoping 2027", "the 2027 re-scoping", superuser,
    )  # fmt: skip
    areas = Place.objects.count() + 1
    assert (job.state, job.done, job.total, job.unit) == (Job.State.DONE, areas, areas, "areas")
    assert snapshot.areas.count() == areas
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"{areas} of {areas} areas" in page
    assert "Snapshot “Re-scoping 2027” taken: 1 activity in the region" in page
    assert f'href="{ADMIN}{snapshot.pk}/change/"' in page and "See the snapshot" in page


@pytest.mark.django_db
def test_a_name_taken_or_empty_is_named_on_the_form_and_nothing_starts(client_for, superuser):
    client = client_for(superuser)
    client.post(f"{ADMIN}take/", {"name": "Before"})
    for name, error in (
        ("Before", "There is already a snapshot called “Before”."),
        ("  ", "Give the snapshot a name."),
        ("!!!", "Give the snapshot a name with letters or digits in it."),
    ):
        response = client.post(f"{ADMIN}take/", {"name": name})
        assert response.status_code == 200
        assert error in response.content.decode()
    assert Job.objects.filter(kind=jobs.KIND).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["champion", "interviewer"])
def test_only_superusers_take_snapshots(client_for, role, request):
    client = client_for(request.getfixturevalue(role))
    assert "Take a snapshot now" not in client.get(ADMIN).content.decode()
    assert client.get(f"{ADMIN}take/").status_code == 403
    assert client.post(f"{ADMIN}take/", {"name": "Mine"}).status_code == 403
    assert not Job.objects.exists() and not Snapshot.objects.filter(name="Mine").exists()


@pytest.mark.django_db
def test_a_second_click_lands_on_the_snapshot_under_way(client_for, superuser):
    waiting = Job.objects.create(owner=superuser, kind=jobs.KIND, title="Snapshot “A”")
    response = client_for(superuser).post(f"{ADMIN}take/", {"name": "B"})
    assert response["Location"] == f"/jobs/{waiting.pk}/"
    assert Job.objects.filter(kind=jobs.KIND).count() == 1
    assert not Snapshot.objects.filter(name="B").exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_snapshot_is_taken_by_the_real_worker(
    worker_database,  # noqa: F811
    client_for,
    superuser,
    tmp_path,
):
    make_activity("Leeds Walk", place="leeds")
    url = worker_database()
    client = client_for(superuser)
    response = client.post(f"{ADMIN}take/", {"name": "By the worker"})
    job = Job.objects.get(kind=jobs.KIND)
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.WAITING  # nothing taken in the request
    assert not Snapshot.objects.filter(name="By the worker").exists()
    with worker(url, tmp_path / "worker.log"):
        wait_for(lambda: Job.objects.get(pk=job.pk).is_finished, timeout=120, what="snapshot")
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.message
    snapshot = Snapshot.objects.get(name="By the worker")
    assert snapshot.areas.get(place_slug="leeds").total == 1
    assert job.result_url == f"{ADMIN}{snapshot.pk}/change/"
    assert "See the snapshot" in client.get(f"/jobs/{job.pk}/").content.decode()


@pytest.mark.django_db
def test_a_snapshot_waits_while_another_holds_the_lock(client_for, superuser, monkeypatch):
    """Two started at once (both past the second-click check) never run together."""
    first = Job.objects.create(kind="other", title="Earlier", state=Job.State.RUNNING)
    JobLock.objects.create(name=jobs.LOCK, job=first)
    seen = []

    def first_finishes(seconds):
        seen.append(Job.objects.get(kind=jobs.KIND).message)
        Job.objects.filter(pk=first.pk).update(state=Job.State.DONE)
        JobLock.objects.filter(job=first).delete()

    monkeypatch.setattr("scoping.jobs.locks.time.sleep", first_finishes)
    client_for(superuser).post(f"{ADMIN}take/", {"name": "Second"})
    assert seen == ["Waiting for the snapshot started earlier."]
    assert Job.objects.get(kind=jobs.KIND).state == Job.State.DONE
    assert Snapshot.objects.filter(name="Second").exists()
    assert not JobLock.objects.exists()

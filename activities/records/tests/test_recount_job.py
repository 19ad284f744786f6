"""A champion's write returns without recounting: the facet index and report counts are
rebuilt by a job, one waiting at a time, and readers keep the previous figures until then.

The queue here is the database's (as under ``make run``), so a write only puts the job
on it; the job is then run as the worker runs it (django_tasks_db's ``Worker.run_task``).
The real worker process itself is ``scoping/jobs/tests/test_worker.py``'s.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from activities.currency.models import PlaceChampion
from activities.directory.facet_index import current_index
from activities.models import Activity, DataVersion, Place
from activities.records import data_version
from activities.records.data_version import (
    RECOUNT_KIND,
    current_token,
    figures_as_of,
)
from activities.records.tests.test_admin import activity_form
from activities.tests.directory_data import make_directory
from activities.tests.factories import make_activity
from scoping import environment
from scoping.jobs.models import Job
from scoping.jobs.tests.worker_process import DATABASE_TASKS

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings, figure_cache, django_capture_on_commit_callbacks):
    """The database queue, and a figures cache: what a write would otherwise rebuild.
    Recounts follow one another without a gap here (the gap has its own test)."""
    settings.FIGURES_RECOUNT_GAP_SECONDS = 0
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        make_directory()
    run_the_queue()  # the figures as a running site has them
    current_index()


def run_the_queue():
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    ran = 0
    for result in DBTaskResult.objects.ready():
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def recounts(state=None):
    jobs = Job.objects.filter(kind=RECOUNT_KIND)
    return jobs.filter(state=state) if state else jobs


def closed_count(client):
    facets = client.get("/activities/").context["facets"]
    options = next(f["options"] for f in facets if f["name"] == "status")
    return next(o["count"] for o in options if o["value"] == "closed")


def test_a_check_on_the_review_queue_waits_for_no_recount(
    queued, client_for, champion, analyst, django_capture_on_commit_callbacks,
    django_assert_num_queries,
):  # fmt: skip
    leeds = Place.objects.get(slug="leeds")
    PlaceChampion.objects.create(user=champion, place=leeds)
    first, second = Activity.objects.filter(place=leeds).exclude(status="closed")[:2]
    token = current_token()
    reader = client_for(analyst)
    closed_before = closed_count(reader)
    champion_client = client_for(champion)
    champion_client.get("/activities/review/")  # the session and permissions are read
    # session, user, permissions; the champion's places and the activity (the closing's
    # reason is checked against them); in a savepoint, the same two again, the activity's
    # save and history, its shared experiences' and places' history (eleven in all); then,
    # once it commits, the recount asked for: is one waiting, when the last recount
    # published (the gap), the job, its queue row, the job's task id and the job read back.
    # No facet index, no report counts.
    with django_assert_num_queries(22), django_capture_on_commit_callbacks(execute=True):
        response = champion_client.post(
            f"/activities/review/{first.pk}/", {"action": "closed", "reason": "stopped"}
        )
    assert response.status_code == 302
    assert Activity.objects.get(pk=first.pk).status == "closed"
    assert current_token() == token  # not recounted in the request
    waiting = recounts(Job.State.WAITING).get()
    assert closed_count(reader) == closed_before  # readers keep the previous figures
    with django_capture_on_commit_callbacks(execute=True):
        champion_client.post(
            f"/activities/review/{second.pk}/", {"action": "closed", "reason": "stopped"}
        )
    assert recounts(Job.State.WAITING).count() == 1  # one waiting recount counts both

    assert run_the_queue() == 1
    job = Job.objects.get(pk=waiting.pk, state=Job.State.DONE)
    # the facet index, the directory's counts and recent searches, the report counts and
    # the report pages' sections
    assert (job.done, job.total, job.unit) == (4, 4, "steps")
    assert current_token() != token
    assert closed_count(reader) == closed_before + 2
    assert current_index().token == current_token()


def test_an_admin_edit_waits_for_no_recount(
    queued, client_for, champion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        activity = make_activity("Beeston Walk and Talk", place="leeds")
    run_the_queue()
    token = current_token()
    url = f"/admin/activities/activity/{activity.pk}/change/"
    client = client_for(champion)
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, activity_form(status="closed", version_seen=activity.version))
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == "closed"
    assert current_token() == token
    assert recounts(Job.State.WAITING).count() == 1
    run_the_queue()
    assert current_token() != token and not recounts(Job.State.WAITING).exists()


def test_writes_soon_after_a_recount_wait_for_the_gap_and_are_counted_by_one(
    queued, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Champions writing one after another: the recount after a write waits on the queue
    until ``FIGURES_RECOUNT_GAP_SECONDS`` after the last one published, and counts every write
    made in between; the writes themselves wait for nothing."""
    settings.FIGURES_RECOUNT_GAP_SECONDS = 15
    published = DataVersion.objects.get(pk=1).changed_at  # the fixture's recount, just now
    token = current_token()
    first, second = Activity.objects.all()[:2]
    with django_capture_on_commit_callbacks(execute=True):
        first.save()
    job = recounts(Job.State.WAITING).get()
    queued_task = DBTaskResult.objects.get(id=job.task_id)
    assert queued_task.run_after == published + datetime.timedelta(seconds=15)
    assert run_the_queue() == 0  # the worker leaves it on the queue until then
    # A second write finds it waiting: one query asks, nothing more.
    with django_assert_num_queries(1), django_capture_on_commit_callbacks(execute=True):
        data_version.recount_request()
    with django_capture_on_commit_callbacks(execute=True):
        second.save()
    assert recounts(Job.State.WAITING).count() == 1
    assert current_token() == token

    with time_machine.travel(published + datetime.timedelta(seconds=16)):
        assert run_the_queue() == 1
    assert Job.objects.get(pk=job.pk).state == Job.State.DONE
    assert current_token() != token and current_index().token == current_token()


def test_a_write_long_after_the_last_recount_is_counted_at_once(
    queued, settings, django_capture_on_commit_callbacks
):
    settings.FIGURES_RECOUNT_GAP_SECONDS = 15
    DataVersion.objects.filter(pk=1).update(
        changed_at=timezone.now() - datetime.timedelta(seconds=16)
    )
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.first().save()
    job = recounts(Job.State.WAITING).get()
    assert DBTaskResult.objects.ready().filter(id=job.task_id).exists()  # not put off
    assert run_the_queue() == 1


def test_a_write_during_a_recount_asks_for_another(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.first().save()
    first = recounts(Job.State.WAITING).get()
    recounts().filter(pk=first.pk).update(state=Job.State.RUNNING)  # it may have read the data
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.first().save()
    assert recounts(Job.State.WAITING).exclude(pk=first.pk).count() == 1


def test_pages_say_how_old_the_figures_are_once_a_recount_has_waited_a_minute(
    queued, client_for, analyst, commissioner, django_capture_on_commit_callbacks
):
    counted = timezone.now() - datetime.timedelta(minutes=5)
    DataVersion.objects.filter(pk=1).update(changed_at=counted)
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.first().save()
    assert figures_as_of() is None  # a change just made: no need to say
    for url, user in [("/activities/", analyst), ("/reports/", commissioner)]:
        assert "figures-as-of" not in client_for(user).get(url).content.decode()
    recounts().update(created=timezone.now() - datetime.timedelta(seconds=61))
    assert figures_as_of() == counted
    local = timezone.localtime(counted)
    for url, user in [("/activities/", analyst), ("/reports/", commissioner)]:
        page = client_for(user).get(url).content.decode()
        assert f"These figures were counted at {local:%H:%M} on {local.day} {local:%B %Y}" in page
    run_the_queue()
    assert figures_as_of() is None
    assert "figures-as-of" not in client_for(analyst).get("/activities/").content.decode()


def test_the_gap_is_15_seconds_unless_set_and_refuses_what_is_not_a_whole_number(monkeypatch):
    monkeypatch.delenv("FIGURES_RECOUNT_GAP_SECONDS", raising=False)
    assert environment.whole_number("FIGURES_RECOUNT_GAP_SECONDS", 0, 3600) == 15
    monkeypatch.setenv("FIGURES_RECOUNT_GAP_SECONDS", "0")
    assert environment.whole_number("FIGURES_RECOUNT_GAP_SECONDS", 0, 3600) == 0
    for wrong in ("-1", "3601", "ten"):
        monkeypatch.setenv("FIGURES_RECOUNT_GAP_SECONDS", wrong)
        with pytest.raises(ImproperlyConfigured, match="FIGURES_RECOUNT_GAP_SECONDS must be"):
            environment.whole_number("FIGURES_RECOUNT_GAP_SECONDS", 0, 3600)

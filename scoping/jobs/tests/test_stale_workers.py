"""A worker that stops: its job fails saying so, /healthz reports it, the lock is freed."""

import datetime
import os
import socket
import subprocess
import sys

import pytest
from django.utils import timezone

from scoping.jobs.locks import exclusive
from scoping.jobs.models import Job, JobLock, WorkerHeartbeat
from scoping.jobs.running import Progress
from scoping.jobs.services import WORKER_STOPPED, jobs_fail_stale
from scoping.jobs.worker import heartbeat

pytestmark = pytest.mark.django_db


def running_job(owner, worker_id):
    return Job.objects.create(
        owner=owner, kind="count", title="Import", state="running", worker_id=worker_id,
        started=timezone.now(), done=10, total=100,
    )  # fmt: skip


def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_job_whose_worker_process_is_gone_fails_and_says_so(client, champion):
    WorkerHeartbeat.objects.create(worker_id="w1", host=socket.gethostname(), pid=dead_pid())
    job = running_job(champion, "w1")
    assert jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.message == WORKER_STOPPED
    client.force_login(champion)
    assert "the worker stopped" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_a_job_whose_worker_went_quiet_on_another_machine_fails(champion, settings):
    seen = timezone.now() - datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS + 1)
    WorkerHeartbeat.objects.create(worker_id="w2", host="elsewhere", pid=1, seen=seen)
    quiet = running_job(champion, "w2")
    WorkerHeartbeat.objects.create(worker_id="w3", host="elsewhere", pid=1)
    alive = running_job(champion, "w3")
    assert jobs_fail_stale() == 1
    assert Job.objects.get(pk=quiet.pk).state == Job.State.FAILED
    assert Job.objects.get(pk=alive.pk).state == Job.State.RUNNING


def test_a_live_workers_heartbeat_keeps_its_job_running(champion):
    heartbeat("me")  # this process, alive
    job = running_job(champion, "me")
    heartbeat("me")
    assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING
    assert WorkerHeartbeat.objects.get(worker_id="me").pid == os.getpid()


def test_a_lock_held_by_a_job_that_failed_is_taken_over(champion):
    WorkerHeartbeat.objects.create(worker_id="w1", host=socket.gethostname(), pid=dead_pid())
    first = running_job(champion, "w1")
    JobLock.objects.create(name="master sheet", job=first)
    second = running_job(champion, "")
    jobs_fail_stale()
    with exclusive("master sheet", second, Progress(second), waiting_message="Waiting"):
        assert JobLock.objects.get(name="master sheet").job_id == second.pk
    assert not JobLock.objects.exists()


def test_healthz_reports_the_queue_and_a_dead_worker(client, settings):
    body = client.get("/healthz").json()
    assert body["queue"]["worker_alive"] is False  # no worker has ever been seen
    Job.objects.create(
        kind="count", title="Old", created=timezone.now() - datetime.timedelta(minutes=5)
    )
    heartbeat("w-alive")
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["queue"]["worker_alive"] is True and body["queue"]["waiting"] == 1
    assert 299 <= body["queue"]["oldest_waiting_seconds"] <= 310
    WorkerHeartbeat.objects.update(seen=timezone.now() - datetime.timedelta(seconds=61))
    body = client.get("/healthz").json()
    assert body["queue"]["worker_alive"] is False and body["queue"]["worker_seen_seconds_ago"] >= 61

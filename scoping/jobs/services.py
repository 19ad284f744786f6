"""Starting and cancelling jobs, failing those whose worker stopped, and pruning."""

import datetime
import os
import socket

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from scoping.jobs.models import Job, JobFile, JobLock, WorkerHeartbeat

State = Job.State
WORKER_STOPPED = (
    "Failed: the worker stopped before the work was finished. Nothing was changed; run it again."
)


def job_start(*, task, kind, title, owner=None, unit="rows", params=None, input=None):
    """Record a waiting job and put its task on the queue; the job, to show its page.

    With the database backend a worker picks the task up once the caller's transaction
    commits; with the immediate backend (the tests') it has run when this returns.
    """
    job = Job.objects.create(
        owner=owner, kind=kind, title=title[:200], unit=unit, params=params or {}, input=input
    )
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def job_active(kind):
    """The waiting or running job of ``kind``, if there is one: a page that starts work
    which must not run twice (a backup, a snapshot) sends a second click to it instead."""
    return (
        Job.objects.filter(kind=kind, state__in=Job.CANCELLABLE)
        .defer("input")
        .order_by("created")
        .first()
    )


def job_cancel(job):
    """Stop a waiting job at once; ask a running one to stop at its next progress.

    Cancelling a running import rolls back its transaction: nothing is changed.
    """
    if job.state == State.WAITING:
        stopped = Job.objects.filter(pk=job.pk, state=State.WAITING).update(
            state=State.CANCELLED,
            finished=timezone.now(),
            message="Cancelled before it started.",
            input=None,
        )
        if stopped:
            return
    Job.objects.filter(pk=job.pk, state=State.RUNNING).update(cancel_requested=True)


def _alive_here(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def workers_dead(now=None):
    """The ids of workers known to have stopped: no heartbeat for ``WORKER_STALE_SECONDS``,
    or on this machine, a process that no longer exists."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    host = socket.gethostname()
    return {
        beat.worker_id
        for beat in WorkerHeartbeat.objects.all()
        if beat.seen < stale or (beat.host == host and not _alive_here(beat.pid))
    }


@transaction.atomic
def jobs_fail_stale(now=None):
    """Fail the running jobs whose worker stopped (killed, crashed, machine gone).

    Their transactions were rolled back by the database when the worker's connection
    went, so nothing they did is left; the job says so and may be run again. A running
    job whose worker never wrote a heartbeat is failed once it has been running for
    ``WORKER_STALE_SECONDS`` too. Returns how many were failed.
    """
    now = now or timezone.now()
    running = list(
        Job.objects.filter(state=State.RUNNING)
        .exclude(worker_id="")
        .values_list("pk", "worker_id", "task_id", "started")
    )
    if not running:
        return 0
    dead = workers_dead(now)
    known = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    stale = now - datetime.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    failed = [
        (pk, task_id)
        for pk, worker_id, task_id, started in running
        if worker_id in dead or (worker_id not in known and started and started < stale)
    ]
    if not failed:
        return 0
    Job.objects.filter(pk__in=[pk for pk, _ in failed], state=State.RUNNING).update(
        state=State.FAILED, finished=now, message=WORKER_STOPPED
    )
    DBTaskResult.objects.filter(
        id__in=[task_id for _, task_id in failed if task_id], status="RUNNING"
    ).update(status="FAILED", finished_at=now)
    JobLock.objects.filter(job_id__in=[pk for pk, _ in failed]).delete()
    WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
    return len(failed)


def queue_state(now=None):
    """For /healthz: the oldest waiting job's age and whether a worker was seen lately."""
    now = now or timezone.now()
    oldest = (
        Job.objects.filter(state=State.WAITING)
        .order_by("created")
        .values_list("created", flat=True)[:1]
    )
    last_seen = WorkerHeartbeat.objects.order_by("-seen").values_list("seen", flat=True)[:1]
    oldest = oldest[0] if oldest else None
    last_seen = last_seen[0] if last_seen else None
    return {
        "waiting": Job.objects.filter(state=State.WAITING).count(),
        "oldest_waiting_seconds": round((now - oldest).total_seconds()) if oldest else 0,
        "worker_seen_seconds_ago": round((now - last_seen).total_seconds()) if last_seen else None,
        "worker_alive": bool(last_seen and now - last_seen < datetime.timedelta(minutes=1)),
    }


@transaction.atomic
def jobs_prune(now=None):
    """Delete result files past their expiry, finished jobs and queue rows older than
    ``JOBS_KEEP_DAYS``, and heartbeats of workers gone a day; {what: rows deleted}."""
    now = now or timezone.now()
    kept = now - datetime.timedelta(days=settings.JOBS_KEEP_DAYS)
    files = JobFile.objects.filter(expires__lt=now).delete()[0]
    jobs = Job.objects.filter(state__in=Job.FINISHED, finished__lt=kept).delete()[1]
    jobs = jobs.get(Job._meta.label, 0)
    queue = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=kept
    ).delete()[0]
    WorkerHeartbeat.objects.filter(seen__lt=now - datetime.timedelta(days=1)).delete()
    return {"job files": files, "jobs": jobs, "queue rows": queue}

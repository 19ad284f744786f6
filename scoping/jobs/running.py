"""What every job's task does around its work: state, progress, cancel, errors, result.

A feature's task body is one call::

    @task(takes_context=True)
    def sheet_import(context, job_id):
        job_run(job_id, context, work)      # work(job, progress) -> JobResult

``job_run`` claims the waiting job (a job cancelled while it waited is not run), hands
the work a ``Progress``, and records how it ended: done with its result, cancelled,
failed with the plain message of a ``JobError``, or failed with a general message when
anything else was raised (the traceback is kept for staff, never shown to the user).
"""

import logging
import time
import traceback
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from scoping.jobs.models import Job, JobFile
from scoping.jobs.notices import job_notice

logger = logging.getLogger(__name__)
State = Job.State

# Progress is written at most this often (and always at the end).
PROGRESS_INTERVAL = 0.5
FAILED_MESSAGE = (
    "The work stopped with an error and nothing was changed. The site's staff can see what "
    "went wrong; try again later, or tell them if it happens again."
)


class JobError(Exception):
    """A failure to show the user as it is: plain words, no traceback; ``url`` and
    ``label`` link to what explains it (an import's errors)."""

    def __init__(self, message, *, url="", label=""):
        super().__init__(message)
        self.url = url
        self.label = label


class JobCancelled(Exception):
    """Its owner asked to stop; raised by ``Progress`` inside the work, so a transaction
    around the work rolls back."""


@dataclass
class JobResult:
    """What a finished job hands over: a link, or a file (name, content type, bytes)."""

    message: str = ""
    url: str = ""
    label: str = ""
    file_name: str = ""
    content_type: str = ""
    data: bytes = b""


def _own_atomic_blocks(connection):
    """Transactions the work opened (the test suite's own wrapping ones do not count)."""
    return [b for b in connection.atomic_blocks if not getattr(b, "_from_testcase", False)]


class Progress:
    """Done-of-total for the job page, and the owner's cancel, checked at each write.

    Inside the work's own transaction (an import writes all or nothing) the job row is
    written through a second connection on PostgreSQL, so the page sees the progress
    before the commit. SQLite lets one connection write at a time: there the progress
    waits for the commit, and the message says what is being written.
    """

    def __init__(self, job):
        self.job = job
        self._written = 0.0
        self._side = None

    def total(self, total, unit=None, message=None):
        self.job.total = total
        if unit:
            self.job.unit = unit
        self.update(self.job.done, message=message, force=True)

    def update(self, done, *, total=None, message=None, force=False):
        """Record ``done`` (and a new total or message); raise ``JobCancelled`` if asked."""
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message is not None and message[:500] != self.job.message:
            self.job.message = message[:500]
            force = True  # a new step is always shown
        now = time.monotonic()
        if not force and now - self._written < PROGRESS_INTERVAL:
            return
        self._written = now
        if self._write():
            raise JobCancelled

    def note(self, message):
        self.update(self.job.done, message=message, force=True)

    def _write(self):
        """Write the progress; True if the owner asked to cancel."""
        job = self.job
        connection = connections[DEFAULT_DB_ALIAS]
        if not _own_atomic_blocks(connection):
            Job.objects.filter(pk=job.pk).update(
                done=job.done, total=job.total, unit=job.unit, message=job.message
            )
            return Job.objects.filter(pk=job.pk, cancel_requested=True).exists()
        if connection.vendor != "postgresql":
            return False
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
        table = connection.ops.quote_name(Job._meta.db_table)
        with self._side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET done = %s, total = %s, unit = %s, message = %s "
                "WHERE id = %s RETURNING cancel_requested",
                [job.done, job.total, job.unit, job.message, job.pk],
            )
            row = cursor.fetchone()
        return bool(row and row[0])

    def close(self):
        if self._side is not None:
            self._side.close()
            self._side = None


def job_run(job_id, context, work):
    """Run ``work(job, progress)`` for the waiting job ``job_id``; record how it ended."""
    worker_ids = getattr(context.task_result, "worker_ids", None) or [""]
    claimed = Job.objects.filter(pk=job_id, state=State.WAITING).update(
        state=State.RUNNING, started=timezone.now(), worker_id=str(worker_ids[-1])[:64]
    )
    if not claimed:
        return None  # cancelled while it waited (or already run)
    job = Job.objects.get(pk=job_id)
    progress = Progress(job)
    try:
        result = work(job, progress)
    except JobCancelled:
        _finish(job, State.CANCELLED, "Cancelled: nothing was changed.")
    except JobError as error:
        _finish(job, State.FAILED, str(error), result_url=error.url, result_label=error.label)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, State.FAILED, FAILED_MESSAGE, error_detail=traceback.format_exc())
    else:
        _finish_with(job, result or JobResult())
    finally:
        progress.close()
    job_notice(job.pk)  # a long job's owner hears that it has finished
    return job.pk


def _finish(job, state, message, **fields):
    Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
        state=state,
        finished=timezone.now(),
        message=message[:500],
        done=job.done,
        total=job.total,
        input=None,
        **fields,
    )


def _finish_with(job, result):
    if result.data or result.file_name:
        JobFile.objects.update_or_create(
            job=job,
            defaults={
                "name": result.file_name,
                "content_type": result.content_type,
                "data": result.data,
                "size": len(result.data),
                "expires": JobFile.expiry(),
            },
        )
    done = job.total if job.total is not None else job.done
    job.done = max(job.done, done or 0)
    _finish(
        job,
        State.DONE,
        result.message or "Done.",
        result_url=result.url,
        result_label=result.label,
    )

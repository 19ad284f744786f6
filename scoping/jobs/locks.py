"""One job at a time for work that must not overlap: ``with exclusive("master sheet", ...)``.

A lock is a row (``JobLock``) the job inserts and deletes, so it holds across processes
and machines on either database. A second job waits, saying so, until the first ends; a
lock left by a job that is no longer running (its worker was killed) is taken over.
"""

import contextlib
import time

from django.db import IntegrityError, transaction

from scoping.jobs.models import Job, JobLock

POLL_SECONDS = 1.0


@contextlib.contextmanager
def exclusive(name, job, progress, *, waiting_message, poll=POLL_SECONDS):
    """Hold the lock ``name`` for ``job`` while the block runs; wait while another has it."""
    said = False
    while True:
        try:
            with transaction.atomic():
                JobLock.objects.create(name=name, job=job)
            break
        except IntegrityError:
            holder = JobLock.objects.filter(name=name).values_list("job__state", flat=True).first()
            if holder is not None and holder != Job.State.RUNNING:
                JobLock.objects.filter(name=name).exclude(job__state=Job.State.RUNNING).delete()
                continue
            if not said:
                progress.note(waiting_message)
                said = True
            else:
                progress.update(progress.job.done)  # a cancel is seen while it waits
            time.sleep(poll)
    try:
        yield
    finally:
        JobLock.objects.filter(name=name, job=job).delete()

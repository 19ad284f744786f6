"""python manage.py run_worker: take jobs from the queue until stopped (docs/jobs.md)."""

import os

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from scoping.jobs.worker import HeartbeatWorker


def niceness_set(wanted):
    """Lower this process's priority to the nice value ``wanted`` (never raise it: only root
    may), so that web requests come first for the processor (docs/jobs.md)."""
    current = os.nice(0)
    if wanted > current:
        os.nice(wanted - current)
    return os.nice(0)


class Command(DbWorkerCommand):
    help = (
        "Run a job worker: django_tasks_db's db_worker with a heartbeat for /healthz and "
        "for failing the jobs of workers that stopped. Any number may run, on any machine "
        "that reaches the database."
    )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay,
               reload, max_tasks, worker_id, exclude_queues, **options):  # fmt: skip
        self.configure_logging(verbosity)
        niceness_set(settings.JOBS_WORKER_NICENESS)
        worker = HeartbeatWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

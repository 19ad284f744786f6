"""The worker process (``manage.py run_worker``): django_tasks_db's worker with a heartbeat.

Every ``HEARTBEAT_SECONDS`` a thread writes the worker's ``WorkerHeartbeat`` (host, pid,
time) and fails the running jobs of workers that stopped (``services.jobs_fail_stale``);
the first beat comes before the first task, so a worker restarted after a crash fails its
predecessor's job at once. ``/healthz`` reads the heartbeats. Started by a supervisor
(``scoping/serving/supervisor.py``), the worker stops itself if that parent goes away.
"""

import logging
import os
import signal
import socket
import threading

from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from scoping.jobs.models import WorkerHeartbeat
from scoping.jobs.services import jobs_fail_stale

logger = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 10
# Set by the supervisor: the worker exits when its parent process goes (even killed).
PARENT_VARIABLE = "JOBS_SUPERVISOR_PID"


def heartbeat(worker_id):
    """Say this worker is alive, then fail the jobs of workers that are not."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "seen": now},
        create_defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen": now,
            "started": now,
        },
    )
    failed = jobs_fail_stale(now)
    if failed:
        logger.warning("Failed %s jobs whose worker had stopped", failed)


class Heartbeat(threading.Thread):
    def __init__(self, worker_id, interval=HEARTBEAT_SECONDS):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopping = threading.Event()
        self.parent = os.getppid() if os.environ.get(PARENT_VARIABLE) else 0

    def run(self):
        while not self.stopping.wait(self.interval):
            if self.parent and os.getppid() != self.parent:
                logger.warning("The supervisor has gone; the worker stops")
                os.kill(os.getpid(), signal.SIGTERM)
                return
            try:
                heartbeat(self.worker_id)
            except DatabaseError:
                # SQLite is busy while a job writes in its transaction: the next beat will do.
                logger.info("Heartbeat skipped: the database was busy")
            finally:
                connection.close()

    def stop(self):
        self.stopping.set()


class HeartbeatWorker(Worker):
    def run(self):
        heartbeat(self.worker_id)
        beat = Heartbeat(self.worker_id)
        beat.start()
        try:
            super().run()
        finally:
            beat.stop()
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

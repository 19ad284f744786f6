"""A web server with its job workers beside it: ``make run`` and ``make serve``.

The supervisor starts the web server (runserver or gunicorn) and ``JOB_WORKERS`` job
workers (``manage.py run_worker``) as its children. A worker that dies is started again
(after 1 s, doubling to 30 s if it keeps dying); when the web server stops, or the
supervisor is told to (Ctrl-C, SIGTERM), the workers are stopped too: a running job gets
``GRACE_SECONDS`` to finish, then is killed (its transaction rolls back and the next
worker marks it failed). A worker whose supervisor is killed outright stops by itself
(``scoping/jobs/worker.py``). For several machines, run workers as their own service
instead (docs/deploy.md).
"""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from scoping.jobs.worker import PARENT_VARIABLE

logger = logging.getLogger(__name__)
GRACE_SECONDS = 10
POLL_SECONDS = 0.5
MAX_BACKOFF = 30.0
MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def worker_command(*extra):
    return [sys.executable, str(MANAGE), "run_worker", "--no-reload", *extra]


class Child:
    """One worker process, restarted when it dies."""

    def __init__(self, command, env):
        self.command = command
        self.env = env
        self.process = None
        self.backoff = 1.0
        self.due = 0.0

    def start(self):
        self.process = subprocess.Popen(self.command, env=self.env)
        self.started = time.monotonic()

    def check(self, now):
        """Start it again if it has died (not too often)."""
        if self.process is not None and self.process.poll() is None:
            if now - self.started > 60:
                self.backoff = 1.0
            return
        if self.process is not None:
            code = self.process.returncode
            logger.warning("A job worker stopped (exit %s); starting another", code)
            self.process = None
            self.due = now + self.backoff
            self.backoff = min(self.backoff * 2, MAX_BACKOFF)
        if now >= self.due:
            self.start()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self, deadline):
        if self.process is None:
            return
        try:
            self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def supervise(web_command, *, workers, env=None):
    """Run ``web_command`` with ``workers`` job workers; return the web server's exit code."""
    env = {**(env or os.environ), PARENT_VARIABLE: str(os.getpid())}
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    web = subprocess.Popen(web_command, env=env)
    children = [Child(worker_command(), env) for _ in range(workers)]
    for child in children:
        child.start()
    try:
        while web.poll() is None and not stopping:
            now = time.monotonic()
            for child in children:
                child.check(now)
            time.sleep(POLL_SECONDS)
    finally:
        if web.poll() is None:
            web.send_signal(stopping[0] if stopping else signal.SIGTERM)
        for child in children:
            child.stop()
        deadline = time.monotonic() + GRACE_SECONDS
        for child in children:
            child.wait(deadline)
        try:
            web.wait(timeout=max(0.1, deadline + 20 - time.monotonic()))
        except subprocess.TimeoutExpired:
            web.kill()
            web.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return web.returncode

"""A real job worker (``manage.py run_worker``) on the test's database, for the tests.

PostgreSQL: the worker connects to the test database itself (the test must be
``transaction=True`` so it sees what the test wrote). SQLite: the test database lives in
this process's memory, so ``worker_database`` copies it to a file once the test has
written what the worker needs, and points this process at that file too.
"""

import contextlib
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connections

from activities.reference.services import reference_data_load
from scoping.tests.app_servers import ROOT, server_env

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def postgres_url(settings_dict):
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"


@pytest.fixture
def worker_database(transactional_db, settings, tmp_path):
    """A function giving the DATABASE_URL a worker process uses; call it once the data
    the worker needs is written (on SQLite, later writes go to the worker's copy too)."""
    settings.TASKS = DATABASE_TASKS
    # An earlier transactional test emptied the database: the roles come back with
    # serialized_rollback (the tests' mark), the reference data here.
    reference_data_load()
    connection = connections["default"]
    saved = {}

    def url():
        if connection.vendor == "postgresql":
            return postgres_url(connection.settings_dict)
        path = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        saved.update(memory=connection.connection, name=connection.settings_dict["NAME"])
        connection.connection = None
        connection.settings_dict["NAME"] = str(path)
        return f"sqlite:///{path}"

    yield url
    if saved:
        connection.close()
        connection.settings_dict["NAME"] = saved["name"]
        connection.connection = saved["memory"]


@contextlib.contextmanager
def worker(database_url, log_path, **env):
    """A running ``manage.py run_worker``; stopped (SIGTERM, then killed) afterwards."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--no-reload", "--interval", "0.2",
             "--no-startup-delay"],
            cwd=ROOT, env=server_env(database_url, **env), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_for(condition, timeout=60, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")

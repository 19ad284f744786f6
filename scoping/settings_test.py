"""Settings for the test suite (pytest.ini): the local configuration.

``scoping.settings`` fails closed, reading the environment as it is imported, so
the local choice is made here first: ``DEBUG=1`` gives the local key and hosts and
plain static storage, whatever the shell exports. pytest-django then runs each test
with ``DEBUG`` off, as Django's test runner does. Subprocesses started by tests
inherit this environment; tests of production settings pass their own.
"""

import os

os.environ["DEBUG"] = "1"
os.environ.pop("DJANGO_ENV", None)

from scoping.settings import *  # noqa: F403

# Jobs run at once, in the test's own process and transaction; the tests of the real
# worker (scoping/jobs/tests/test_worker.py) switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# On PostgreSQL the suite's commits need not wait for the disk (synchronous_commit off:
# a crash could lose the last moments' commits, which a test database never needs).
# Creating the test database commits each of some 110 migrations, and every transactional
# test, server and worker test commits too.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

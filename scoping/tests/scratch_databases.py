"""Scratch databases for tests that run the real commands in subprocesses (backups,
restores, browser servers): a fixture plugin the root conftest loads, so every test
module shares one prepared template a run.

``scratch_urls`` gives two databases of the test run's kind (SQLite files, or new
PostgreSQL databases): a source, migrated and holding the reference data, and an
empty restore target.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection


def manage(database_url, *args, stdin=None, env=None):
    env = {**os.environ, **(env or {}), "DATABASE_URL": database_url, "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        check=True,
    )


# The fixtures that need the prepared template (browser tests ask for it through the
# server fixture, which ``served_app`` resolves at run time).
NEEDS_TEMPLATE = {"prepared_template", "scratch_urls", "shared_database", "server"}

_TEMPLATE = {}


@contextmanager
def template_from_suite_database(session, tmp_path_factory, django_db_blocker, *, copy=True):
    """Copy the suite's own database, just migrated and holding the reference data (the
    root conftest's ``django_db_setup``), as the prepared template, when a collected test
    will ask for one; drop it at the end of the run. Copying at set-up, before any test
    has changed or emptied the database, takes a fraction of a second; migrating a
    template in a subprocess took 10 to 12 s a run, which is still how it is made when
    the run has no database of its own to copy (``copy`` False: the browser tests alone).
    """
    if not any(NEEDS_TEMPLATE & set(getattr(item, "fixturenames", ())) for item in session.items):
        yield
        return
    postgresql = connection.vendor == "postgresql"
    with django_db_blocker.unblock():
        if postgresql:
            name = f"psd_template_{uuid.uuid4().hex[:8]}"
            if copy:
                source = connection.settings_dict["NAME"]
                connection.close()  # a template may have no one connected to it
            with connection._nodb_cursor() as cursor:
                cursor.execute(
                    f'CREATE DATABASE {name} TEMPLATE "{source}"'
                    if copy
                    else f"CREATE DATABASE {name}"
                )
            url = _base_url() + name
        else:
            name = tmp_path_factory.mktemp("template") / "template.sqlite3"
            url = f"sqlite:///{name}"
            if copy:
                connection.ensure_connection()
                target = sqlite3.connect(name)
                connection.connection.backup(target)
                target.close()
    if not copy:
        manage(url, "migrate", "--noinput", "-v0")
        manage(url, "load_reference_data")
    _TEMPLATE["name"] = name
    try:
        yield
    finally:
        _TEMPLATE.pop("name", None)
        if postgresql:
            with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def prepared_template(django_db_setup):
    """A scratch database migrated and holding the reference data, made once a run (a
    copy of the suite's database as set up: ``template_from_suite_database``): each
    test's source database is a copy of it."""
    assert "name" in _TEMPLATE, "add the fixture asking for it to NEEDS_TEMPLATE"
    return _TEMPLATE["name"]


def _base_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"


def prepared_copy(prepared_template, folder):
    """A new database copied from ``prepared_template``; returns (url, drop: a function
    that removes it). PostgreSQL copies it as a template; SQLite copies the file."""
    if connection.vendor == "postgresql":
        name = f"psd_scratch_{uuid.uuid4().hex[:8]}"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name} TEMPLATE {prepared_template}")

        def drop():
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

        return _base_url() + name, drop
    path = folder / f"scratch-{uuid.uuid4().hex[:8]}.sqlite3"
    shutil.copyfile(prepared_template, path)
    return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)


@pytest.fixture
def scratch_urls(tmp_path, prepared_template):
    """Two databases: a source, migrated and holding the reference data (a copy of
    ``prepared_template``), and an empty restore target."""
    source, drop = prepared_copy(prepared_template, tmp_path)
    if connection.vendor == "postgresql":
        name = f"psd_backup_{uuid.uuid4().hex[:8]}"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        yield [source, _base_url() + name]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        yield [source, f"sqlite:///{tmp_path / 'target.sqlite3'}"]
    drop()

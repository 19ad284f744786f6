"""Real app servers for tests: a database of their own, gunicorn processes, a browser-like client.

Used by test_scale_out.py to show that two app servers on one database see each
other's writes. Nothing here touches the test run's own database.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

# Migrate, load the reference data, seed a few made-up activities and make an
# administrator; print what a form needs to refer to.
_PREPARE = """
import json
import django
django.setup()
from django.contrib.auth.models import User
from django.core.management import call_command
from activities.demo.generator import DEMO_COUNTS
from activities.models import Place, SharedExperience
from activities.demo.seeding import activities_seed
from activities.reference.services import reference_data_load
call_command("migrate", verbosity=0)
reference_data_load()
activities_seed(count={count}, seed=12, weights=DEMO_COUNTS)
User.objects.create_superuser("root", password={password!r})
# Settled before the servers start: the figures counted now, and no recount left waiting
# for the worker the test starts (a writes' recounts are the test's to watch).
from activities.records.data_version import data_version_renew
from django_tasks_db.models import DBTaskResult
from scoping.jobs.models import Job
data_version_renew()
Job.objects.all().delete()
DBTaskResult.objects.all().delete()
print(json.dumps({{
    "leeds": Place.objects.get(slug="leeds").pk,
    "anxiety": SharedExperience.objects.get(slug="anxiety").pk,
}}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url, **extra):
    """The environment an app server runs with: DEBUG on so static files need no
    collectstatic (what is shared between servers does not depend on it)."""
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DJANGO_ENV"}}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="scoping.settings",
        DEBUG="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def prepare_database(database_url, *, activities, password):
    """Build the shared database's contents; the ids a form needs, as a dict."""
    out = subprocess.run(
        [sys.executable, "-c", _PREPARE.format(count=activities, password=password)],
        env=server_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@contextmanager
def gunicorn(env, log_dir, name, workers=1):
    """A gunicorn serving the app on a free loopback port; yields its base URL."""
    port = free_port()
    log = Path(log_dir) / f"{name}.log"
    with open(log, "w") as output:  # the server keeps its own copy of the file
        process = subprocess.Popen(
            [str(GUNICORN), "scoping.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        # A starting server prepares the data's figures before it answers (scoping/wsgi.py):
        # on a busy machine its first page can take longer than a read timeout, which is
        # not yet a failure; only the deadline is.
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=10).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def redis_server(log_dir):
    """A private, memory-only Redis on a free port; yields its URL (redis-server must exist)."""
    port = free_port()
    with open(Path(log_dir) / "redis.log", "w") as output:
        process = subprocess.Popen(
            [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(port),
             "--save", "", "--appendonly", "no"],
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


class Browser:
    """Cookies and forms over real HTTP, as a person's browser would send them.

    Cookies are kept per host, not per port, so one sign-in is carried to every
    app server on 127.0.0.1: the session has to be where all of them can read it.
    """

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, url):
        with self.opener.open(url, timeout=30) as response:
            return response.read().decode()

    def post(self, url, data):
        """POST ``data`` with the CSRF token from the page at ``url``; the final page and URL."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(url)).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        with self.opener.open(url, body.encode(), timeout=30) as response:
            return response.read().decode(), response.url

    def sign_in(self, base, username, password):
        page, landed = self.post(
            base + "/accounts/login/", {"username": username, "password": password}
        )
        assert landed == base + "/", page[:2000]

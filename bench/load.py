"""Load test: analysts and commissioners reading, and two champions writing, at once.

Serves the app with gunicorn (production settings over loopback HTTP:
bench/serve_settings.py) and one job worker beside it (``manage.py run_worker``, as
``make serve`` starts it) on a PostgreSQL database of its own holding 100,000
made-up activities, then runs locust headless, as a library, for a fixed time:
``--users`` readers (bench/load_users.py), half analysts (directory filters, searches,
detail pages, CSV exports, reports), half commissioners (directory filters, region and
place reports, report tables as CSV), and ``--champions`` champions of a place each
(bench/load_champions.py: "checked" on the review queue, and admin edits of an
activity; every write asks for a recount job, which the worker runs during the load).
Each user signs in first, through the real sign-in form and password hasher.
Part-way through, the data change twice more (a process of the app renews the data
version as the recount job does, ``data_version.data_version_renew``, which prepares
the new version's facet index before publishing it) and a separate analyst times that
and the first views after each change, while the load goes on.

It prints requests per second, p50/p95/p99 and errors, overall and per kind of page;
the readers' times apart from the champions' writes; and the recount jobs the writes
asked for. Targets: issue 12, 50 users for 60 s, 0 errors, p95 under 500 ms; issue 30,
with two champions writing (52 users), the writes' p95 under 500 ms and the readers'
p95 unchanged (compare a run with ``--champions 0``).

Install the load tools once (they are not in requirements.txt):

    .venv/bin/pip install -r bench/requirements.txt

Then:

    .venv/bin/python bench/load.py                    # seeds psd_scale_load the first time
    .venv/bin/python bench/load.py --champions 0      # the 50 readers alone, to compare
    .venv/bin/python bench/load.py --cache-url redis://127.0.0.1:6379/1
    .venv/bin/python bench/load.py --target http://127.0.0.1:8000   # a server already running

A --target server must use the --database-url database (the bench users and the data
changes are made there) and run its own job workers (make serve does). --port (default 18765) must be free; the bench checks.

The database (default postgres://postgres@127.0.0.1:5432/psd_scale_load) is created
and seeded when it is missing or holds fewer activities than --activities; it is
never dropped. Only loopback targets are accepted. See docs/performance.md.
"""

# locust patches the standard library with gevent when imported: import it first.
from locust import events  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import atexit
import csv
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import gevent
import psycopg2
import requests
from load_champions import WRITE_CHECK, WRITE_EDIT, Champion
from load_mix import CHAMPIONS, PASSWORD, production_settings
from load_report import (
    CpuUse,
    Pinned,
    percentile,
    print_by_kind,
    print_jobs,
    print_table,
    print_timeline,
)
from load_users import Analyst, Commissioner

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


PREPARE = """
import django
django.setup()
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Max, Min
from activities.demo.generator import DEMO_COUNTS
from activities.models import Activity
from activities.demo.seeding import activities_seed
from activities.reference.services import reference_data_load
from activities.currency.models import PlaceChampion
from activities.models import Place
from scoping.accounts.roles import ANALYSTS, CHAMPIONS, COMMISSIONERS
call_command("migrate", verbosity=0)
reference_data_load()
missing = {activities} - Activity.objects.count()
if missing > 0:
    print(f"Seeding {{missing:,}} activities...", flush=True)
    activities_seed(count=missing, seed=2021, weights=DEMO_COUNTS)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
for username, role in [("bench-analyst", ANALYSTS), ("bench-commissioner", COMMISSIONERS)]:
    user, _ = User.objects.get_or_create(username=username)
    user.set_password({password!r})
    user.save()
    user.groups.set([Group.objects.get(name=role)])
for username, place in {champions!r}:
    user, _ = User.objects.get_or_create(username=username)
    user.set_password({password!r})
    user.is_staff = True  # champions work in the admin (data entry)
    user.save()
    user.groups.set([Group.objects.get(name=CHAMPIONS)])
    PlaceChampion.objects.filter(user=user).delete()
    PlaceChampion.objects.create(user=user, place=Place.objects.get(slug=place))
span = Activity.objects.aggregate(first=Min("pk"), last=Max("pk"), count=Count("pk"))
print("ids {{first}} {{last}} count {{count}}".format(**span))
"""


def django_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DEBUG"}}
    env.update(DATABASE_URL=database_url, PYTHONPATH=f"{ROOT}:{ROOT / 'bench'}", **extra)
    return env


def prepare(database_url, activities):
    """Create the database if need be, seed it to ``activities``; (first id, last id)."""
    parsed = urlparse(database_url)
    admin = psycopg2.connect(database_url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        name = parsed.path.lstrip("/")
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    out = subprocess.run(
        [
            PYTHON,
            "-c",
            PREPARE.format(activities=activities, password=PASSWORD, champions=CHAMPIONS),
        ],
        env=django_env(database_url, DJANGO_SETTINGS_MODULE="scoping.settings", DEBUG="1"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.exit(out.stderr)
    print(out.stdout.strip())
    first, last = re.search(r"ids (\d+) (\d+)", out.stdout).groups()
    return int(first), int(last)


def app_env(database_url, cache_url):
    """The environment of the app in production mode on loopback (bench/serve_settings.py)."""
    return django_env(database_url, **production_settings(cache_url, "127.0.0.1"))


def serve(database_url, workers, threads, port, cache_url):
    """Start gunicorn in production mode on loopback; (process, base URL)."""
    env = app_env(database_url, cache_url)
    # make serve's configuration (scoping/serving/gunicorn_conf.py), with this bench's workers
    command = [GUNICORN, "--config", "python:scoping.serving.gunicorn_conf"]
    command += ["-b", f"127.0.0.1:{port}", "-w", str(workers)]
    if threads > 1:
        command += ["--threads", str(threads)]  # gthread workers
    with socket.socket() as probe:  # another server on the port would be measured instead
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"Port {port} is in use: choose another with --port.")
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # workers import the app; a busy machine is slow at it
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited")
        try:
            requests.get(base + "/accounts/login/", timeout=30)
            return process, base
        except requests.RequestException:  # not listening yet, or a worker still starting
            time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not start")


WRITER = """
import sys, time, django
django.setup()
from activities.records.data_version import data_version_renew
print("ready", flush=True)
for line in sys.stdin:
    began = time.perf_counter()
    data_version_renew()  # what the recount job after a committed write does
    print(f"{(time.perf_counter() - began) * 1000:.0f}", flush=True)
"""


class Writer:
    """A process of the app that makes the data change as every committed write does
    (``activities.records.data_version.data_version_renew``, the recount job's work: a new
    version, prepared, then published),
    started before the run so that its imports are not part of it."""

    def __init__(self, database_url, cache_url):
        self.process = subprocess.Popen(
            [PYTHON, "-c", WRITER],
            env=app_env(database_url, cache_url),
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            sys.exit("The writer process did not start")

    def change(self):
        """Change the data version; the write's own time in ms."""
        self.process.stdin.write("change\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


FIRST_VIEWS = {
    "directory": "/activities/",
    "directory, 2 filters": "/activities/?place=leeds&sector=third_sector",
    "report: region": "/reports/",
    "report: place": "/reports/kirklees/",
}


def first_views_after_changes(base, writer, at_seconds, results):
    """At each time, change the data version and time the first views through one analyst."""
    session = requests.Session()
    page = session.get(base + "/accounts/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    session.post(
        base + "/accounts/login/",
        data={"username": "bench-analyst", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    start = time.monotonic()
    for at in at_seconds:
        gevent.sleep(max(0, start + at - time.monotonic()))
        results["the write itself"].append((writer.change(), 200))
        for name, url in FIRST_VIEWS.items():
            began = time.perf_counter()
            response = session.get(base + url, allow_redirects=False)
            elapsed = (time.perf_counter() - began) * 1000
            results[name].append((elapsed, response.status_code))


JOB_WORKER = [PYTHON, "manage.py", "run_worker", "--no-reload"]  # as make serve starts it
RECOUNTS = """
    SELECT state, extract(epoch from started - created), extract(epoch from finished - started)
    FROM scoping_job WHERE kind = 'data_version_recount' AND created >= %s
"""


def job_worker(database_url, cache_url):
    """One job worker beside gunicorn, as ``make serve`` starts it (JOB_WORKERS=1): it runs
    the recount jobs the writes ask for. It stops by itself if this process goes. Its log
    (a line per job) goes to a file, named here, not between the tables."""
    env = app_env(database_url, cache_url)
    env["JOBS_SUPERVISOR_PID"] = str(os.getpid())  # scoping/jobs/worker.py: PARENT_VARIABLE
    with tempfile.NamedTemporaryFile(
        "w", prefix="psd-load-worker-", suffix=".log", delete=False
    ) as log:
        print(f"The job worker's log: {log.name}")
        return subprocess.Popen(JOB_WORKER, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def database_now(database_url):
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        return cursor.fetchone()[0]


def recounts_settle(database_url, timeout=180):
    """Wait until no recount job waits or runs (one asked for by seeding, or by the last
    run's writes), so that each run starts from the same quiet queue."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM scoping_job WHERE kind = 'data_version_recount' "
                "AND state IN ('waiting', 'running')"
            )
            if not cursor.fetchone()[0]:
                return
        time.sleep(1)
    sys.exit("The recount jobs did not finish: is the job worker running?")


def recounts_since(database_url, since):
    """(state, seconds waiting, seconds running) of the recount jobs asked for since."""
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(RECOUNTS, [since])
        return cursor.fetchall()


def options_parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/psd_scale_load"
    )
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50, help="readers (analysts, commissioners)")
    parser.add_argument(
        "--champions",
        type=int,
        default=2,
        choices=range(len(CHAMPIONS) + 1),
        help="champions writing besides the readers (0: the readers alone, to compare)",
    )
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=60, help="seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--cache-url", default="", help="CACHE_URL for the app, e.g. redis://…")
    parser.add_argument("--target", default="", help="a server already running (loopback)")
    parser.add_argument(
        "--cpus",
        default="",
        help="run everything (app, PostgreSQL, load generator) on these cores only, e.g. 0",
    )
    return parser.parse_args()


def main():
    options = options_parse()
    if options.cpus:
        atexit.register(Pinned({int(c) for c in options.cpus.split(",")}).restore)

    first_id, last_id = prepare(options.database_url, options.activities)
    server = worker = None
    if options.target:  # make serve, say: it starts its own job workers
        base = options.target.rstrip("/")
        if urlparse(base).hostname not in {"127.0.0.1", "localhost", "::1"}:
            sys.exit("Only loopback targets: this is a load test, not an attack.")
    else:
        server, base = serve(
            options.database_url, options.workers, options.threads, options.port, options.cache_url
        )
        worker = job_worker(options.database_url, options.cache_url)
    Analyst.ids = Commissioner.ids = (first_id, last_id)
    writer = Writer(options.database_url, options.cache_url)

    requests_made = []  # (finished at, name, ms, failed)
    failures = Counter()  # (name, what went wrong): how many

    def record(name, response_time, exception, **kwargs):
        requests_made.append((time.monotonic(), name, response_time, exception is not None))
        if exception is not None:
            failures[(name, re.sub(r"\d+", "N", str(exception))[:160])] += 1

    user_classes = [Analyst, Commissioner]
    if options.champions:
        Champion.fixed_count = options.champions
        user_classes.append(Champion)
    environment = Environment(user_classes=user_classes, host=base, events=events)
    environment.events.request.add_listener(record)
    runner = environment.create_local_runner()
    first_views = defaultdict(list)
    changes_at = [options.run_time * 0.4, options.run_time * 0.75]
    try:
        recounts_settle(options.database_url)
        print(
            f"{options.users} readers and {options.champions} champions for "
            f"{options.run_time} s against {base} "
            f"({options.workers} gunicorn workers x {options.threads} threads, "
            f"{'1 job worker' if worker else 'its own job workers'}, "
            f"cache: {options.cache_url or 'local memory'})"
        )
        since = database_now(options.database_url)
        started = time.monotonic()
        cpu = CpuUse(server, worker)
        runner.start(options.users + options.champions, spawn_rate=options.spawn_rate)
        probe = gevent.spawn(first_views_after_changes, base, writer, changes_at, first_views)
        gevent.spawn_later(options.run_time, runner.quit)
        runner.greenlet.join()
        probe.kill()
        seconds = time.monotonic() - started
        cpu.report(seconds, requests_made)
        gevent.sleep(2)  # the last writes' recounts start
        recounts = recounts_since(options.database_url, since)
    finally:
        writer.close()
        for process in (server, worker):
            if process:
                process.terminate()
                process.wait()
    report(requests_made, started, seconds, changes_at, first_views, recounts)
    for (name, what), count in failures.most_common():
        print(f"  failed {count}x: {name}: {what}")
    requests_save(requests_made, started)


def requests_save(requests_made, started):
    """Every request (seconds from the start when it began, name, ms, failed) as CSV, for
    a closer look than the tables give."""
    with tempfile.NamedTemporaryFile(
        "w", prefix="psd-load-requests-", suffix=".csv", delete=False, newline=""
    ) as file:
        writer = csv.writer(file)
        writer.writerow(["began_s", "name", "ms", "failed"])
        for at, name, ms, failed in requests_made:
            writer.writerow([f"{at - ms / 1000 - started:.3f}", name, f"{ms:.1f}", int(failed)])
    print(f"Every request: {file.name}")


def report(requests_made, started, seconds, changes_at, first_views, recounts):
    everything = [ms for _, _, ms, _ in requests_made]
    failures = sum(failed for *_, failed in requests_made)
    print_table(f"The whole run, {seconds:.0f} s", requests_made, seconds)
    signed_in = max(at for at, name, *_ in requests_made if name.endswith("sign in"))
    after = [r for r in requests_made if r[0] - r[2] / 1000 >= signed_in]
    print_table(
        f"After every user had signed in (the last {started + seconds - signed_in:.0f} s)",
        after,
        started + seconds - signed_in,
    )
    print_timeline(requests_made, started, seconds, changes_at)
    print(
        f"\nFirst view after a data change, under the load (ms), at {[round(at) for at in changes_at]} s:"
    )
    for name, views in first_views.items():
        shown = ", ".join(
            f"{ms:.0f}" + ("" if status == 200 else f" ({status})") for ms, status in views
        )
        print(f"  {name:26} {shown}")
    print_jobs(recounts)
    writes = print_by_kind(requests_made, after, [WRITE_CHECK, WRITE_EDIT])
    p95 = percentile(everything, 0.95) if everything else float("inf")
    print(
        f"\nTargets (whole run): 0 errors {'met' if not failures else 'NOT met'}; "
        f"p95 under 500 ms {'met' if p95 < 500 else 'NOT met'} ({p95:.0f} ms)."
    )
    if writes:
        write_p95 = percentile(writes, 0.95)
        print(
            f"Issue 30: the champions' writes' p95 under 500 ms "
            f"{'met' if write_p95 < 500 else 'NOT met'} ({write_p95:.0f} ms, {len(writes)} "
            "writes); the readers' p95 is compared with a run with --champions 0."
        )


if __name__ == "__main__":
    main()

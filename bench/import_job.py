"""Issue 30's targets: long work as jobs, under gunicorn with a real worker, on PostgreSQL.

    .venv/bin/python bench/import_job.py                     # 20,000-row import, then export
    .venv/bin/python bench/import_job.py --rows 49900 --export-rows 120000   # the issue's sizes
    .venv/bin/python bench/import_job.py --database-url postgres://postgres@127.0.0.1:5432/psd_x

On a PostgreSQL database of its own (created, migrated and emptied), it writes a master
sheet of ``--rows`` rows (``import_bench.workbook_write``), times a bare openpyxl pass over
it, then starts gunicorn (make serve's configuration, production settings on loopback,
``--timeout`` 60 s as the issue's server) and one ``run_worker``, and as a superuser:

1. **import**: uploads the sheet in the admin, polls the job page (the htmx partial, every
   ``--poll`` s) until the preview is ready, confirms, polls until "Imported". Prints the
   longest and median HTTP request, and the total from upload to imported against the
   bare parse (target: every request under 1 s; total within 3x the parse) and against
   the parse's rows pass alone (openpyxl's opening parses each sheet to its end when the
   sheet does not state its size, as the bench's write-only sheets do not).
2. **export**: with the directory topped up to ``--export-rows`` activities (seeded in
   this process; 0 leaves the imported rows), asks for ``/activities/export.xlsx``, polls
   the job, downloads the file and counts its rows with openpyxl (target: no request over
   1 s; every row in the file). With ``--libreoffice`` it also converts the file's data
   sheet to CSV with LibreOffice (``soffice --headless --convert-to csv``, a throwaway
   profile: ``bench/libreoffice_rows.py``), counts the CSV's data rows, checks its header
   row, and says how long LibreOffice took (the issue: the file opens in LibreOffice with
   every row).

    .venv/bin/python bench/import_job.py --rows 0 --export-rows 120000 --libreoffice \
        --database-url postgres://postgres@127.0.0.1:5432/psd_x
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from import_bench import bare_read, database_prepare, postgres_database_create, workbook_write  # noqa: E402
from libreoffice_rows import LibreOfficeFailed, libreoffice_csv_rows  # noqa: E402
from load_mix import production_settings  # noqa: E402

PASSWORD = "bench-import-job-password-9"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DONE_STATES = ("done", "failed", "cancelled")


class Timed(requests.Session):
    """A session that records every request's time (seconds) in ``times``."""

    def __init__(self, base):
        super().__init__()
        self.base = base
        self.times = []

    def request(self, method, url, *args, **kwargs):
        kwargs["allow_redirects"] = False  # each request timed on its own
        kwargs.setdefault("timeout", 120)
        began = time.perf_counter()
        response = super().request(method, self.base + url, *args, **kwargs)
        self.times.append(time.perf_counter() - began)
        return response

    def csrf(self, url):
        page = self.get(url).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def sign_in(self, username):
        token = self.csrf("/accounts/login/")
        response = self.post(
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.base + "/accounts/login/"},
        )
        if response.status_code != 302:
            sys.exit(f"could not sign in as {username}: {response.status_code}")

    def follow_job(self, location, poll):
        """Poll the job page at ``location`` until it has finished; its last partial."""
        match = re.search(r"/jobs/(\d+)/", location or "")
        if not match:
            sys.exit(f"expected a job page, got {location!r}")
        url, last = match.group(0), ""
        while True:
            last = self.get(url, headers={"HX-Request": "true"}).text
            state = re.search(r"psd-job-state--(\w+)", last).group(1)
            if state in DONE_STATES:
                if state != "done":
                    sys.exit(f"the job {state}: {re.sub(r'<[^>]+>', ' ', last)[:500]}")
                return url, last
            time.sleep(poll)


def summary(name, session, began, extra=""):
    times = session.times
    print(
        f"{name}: requests={len(times)} max_ms={max(times) * 1000:.0f} "
        f"p50_ms={statistics.median(times) * 1000:.0f} total_s={time.perf_counter() - began:.1f}"
        f"{extra}",
        flush=True,
    )


def setup(database_url, rows, folder):
    """Create, migrate and empty the database, add the bench's superuser; write the sheet."""
    os.environ.update(DATABASE_URL=database_url, DEBUG="1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
    postgres_database_create(database_url)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from scoping.jobs.models import Job

    if rows:
        database_prepare()
    else:  # the export alone: the database as it is, migrated, with the reference data
        from django.core.management import call_command

        from activities.reference.services import reference_data_load

        call_command("migrate", verbosity=0)
        reference_data_load()
    Job.objects.all().delete()
    User = get_user_model()
    User.objects.filter(username="bench-admin").delete()
    User.objects.create_superuser("bench-admin", password=PASSWORD)
    if not rows:
        return None
    path = Path(folder) / f"master-{rows}.xlsx"
    workbook_write(path, rows)
    return path


def start(database_url, port, timeout):
    """gunicorn as make serve runs it (production, loopback) and one job worker."""
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DEBUG"}}
    env.update(DATABASE_URL=database_url, PYTHONPATH=f"{ROOT}:{ROOT / 'bench'}")
    env.update(production_settings("", "127.0.0.1"))
    env["TWO_FACTOR_REQUIRED"] = "0"  # the bench's superuser signs in with a password alone
    web = subprocess.Popen(
        [GUNICORN, "--config", "python:scoping.serving.gunicorn_conf", "-b", f"127.0.0.1:{port}",
         "-w", "2", "--timeout", str(timeout)],
        cwd=ROOT, env=env,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--interval", "0.5"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if web.poll() is not None:
            sys.exit("gunicorn exited")
        try:
            requests.get(base + "/accounts/login/", timeout=30)
            return base, [web, worker]
        except requests.RequestException:
            time.sleep(0.3)
    sys.exit("gunicorn did not start")


def bench_import(base, path, poll):
    session = Timed(base)
    session.sign_in("bench-admin")
    session.times.clear()
    began = time.perf_counter()
    upload = "/admin/activities/importrun/upload/"
    token = session.csrf(upload)
    with open(path, "rb") as file:
        response = session.post(
            upload,
            data={"csrfmiddlewaretoken": token},
            files={"workbook": (path.name, file, "application/octet-stream")},
            headers={"Referer": base + upload},
        )
    location = response.headers.get("Location", "")
    if "/preview/" not in location:
        _url, partial = session.follow_job(location, poll)
        location = re.search(r'href="([^"]*/preview/)"', partial).group(1)
    previewed = time.perf_counter() - began
    preview = session.get(location).text
    confirm = re.search(r'action="([^"]*/confirm/)"', preview).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', preview).group(1)
    response = session.post(
        confirm, {"csrfmiddlewaretoken": token}, headers={"Referer": base + location}
    )
    location = response.headers.get("Location", "")
    if "/jobs/" in location:
        _url, partial = session.follow_job(location, poll)
        if "Imported" not in partial:
            sys.exit("the import did not say it imported")
    return session, began, previewed


def top_up(count):
    """Seed made-up activities until the directory holds ``count``; publish the version."""
    from activities.demo.generator import DEMO_COUNTS
    from activities.demo.seeding import activities_seed
    from activities.models import Activity
    from activities.records.data_version import data_version_renew

    missing = count - Activity.objects.count()
    if missing > 0:
        print(f"seeding {missing:,} activities for the export", flush=True)
        activities_seed(count=missing, seed=2030, weights=DEMO_COUNTS)
    data_version_renew()
    return Activity.objects.count()


def bench_export(base, poll):
    import io

    import openpyxl

    session = Timed(base)
    session.sign_in("bench-admin")
    session.times.clear()
    began = time.perf_counter()
    response = session.get("/activities/export.xlsx")
    if response.status_code == 200:
        data, how = response.content, "instant"
    else:
        url, _partial = session.follow_job(response.headers.get("Location", ""), poll)
        data, how = session.get(url + "file/").content, "job"
    total = time.perf_counter() - began
    if not data.startswith(b"PK"):
        sys.exit(f"the export ({how}) is not a workbook: {data[:300]!r}")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = sum(1 for _ in book.worksheets[-1].iter_rows(values_only=True)) - 1  # the header
    return session, began, how, rows, data, total, len(book.worksheets)


def libreoffice_check(data, sheets, activities, folder):
    """Open the export in LibreOffice (its data sheet, the last, converted to CSV); print
    its rows against the directory's activities and whether its header is the export's."""
    from activities.master_sheet.layout import HEADERS

    path = Path(folder) / "export.xlsx"
    path.write_bytes(data)
    try:
        rows, header, header_ok, seconds = libreoffice_csv_rows(path, sheets, HEADERS)
    except LibreOfficeFailed as error:
        sys.exit(str(error))
    every = "yes" if rows == activities and header_ok else "NO"
    print(
        f"libreoffice: rows_in_csv={rows:,} activities={activities:,} "
        f"header={'ok' if header_ok else f'UNEXPECTED {header[:5]}...'} "
        f"convert_s={seconds:.1f} every_row={every}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, default=20_000, help="the sheet's rows (49900; 0: no import)"
    )
    parser.add_argument("--export-rows", type=int, default=0, help="activities to export")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/psd_import_job_bench"
    )
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--poll", type=float, default=0.5, help="seconds between job polls")
    parser.add_argument("--timeout", type=int, default=60, help="gunicorn's worker timeout")
    parser.add_argument(
        "--libreoffice",
        action="store_true",
        help="also open the export in LibreOffice (soffice) and count its rows",
    )
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        sys.exit("the issue's targets are on PostgreSQL: give a postgres:// --database-url")
    folder = tempfile.mkdtemp(prefix="psd-import-job-")
    path = setup(options.database_url, options.rows, folder)
    if path:
        began, parts = time.perf_counter(), {}
        bare_read(path, parts)
        parse_s = time.perf_counter() - began
        print(f"sheet: rows={options.rows:,} size_mb={path.stat().st_size / 1e6:.1f} "
              f"bare_parse_s={parse_s:.1f} (opening {parts['open_s']:.1f}, "
              f"rows {parts['rows_s']:.1f})", flush=True)  # fmt: skip
    base, processes = start(options.database_url, options.port, options.timeout)
    try:
        if path:  # --rows 0: the export alone, of the database as it is
            session, began, previewed = bench_import(base, path, options.poll)
            total = time.perf_counter() - began
            summary(
                "import", session, began,
                f" preview_s={previewed:.1f} ratio_to_parse={total / parse_s:.1f} (target <= 3)"
                f" ratio_to_rows_pass={total / parts['rows_s']:.1f}",
            )  # fmt: skip
        count = top_up(options.export_rows) if options.export_rows else top_up(0)
        session, began, how, rows, data, _total, sheets = bench_export(base, options.poll)
        summary(
            "export.xlsx", session, began,
            f" as={how} activities={count:,} rows_in_file={rows:,} size_mb={len(data) / 1e6:.1f}",
        )  # fmt: skip
        if options.libreoffice:
            libreoffice_check(data, sheets, count, folder)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()

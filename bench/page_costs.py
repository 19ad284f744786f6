"""What each kind of page in the load test costs, one request at a time, in one process.

bench/load.py says how the served app behaves under load; this says where a page's time
goes when nothing else is running: for each kind of page the load test asks for, the
median wall time, the app's own CPU time, the number of queries and the time spent
waiting for the database, over --repeat requests with random filters (the same mix as
bench/load.py). With --profile it also prints the functions that took the most time
across every request (cProfile).

Production settings (bench/serve_settings.py) on the load test's database, which
bench/load.py creates and seeds (run it once first):

    .venv/bin/python bench/page_costs.py
    .venv/bin/python bench/page_costs.py --repeat 50 --profile --cache-url redis://127.0.0.1:6379/12

The figures cache starts warm (each page is asked for once before it is timed), as it is
in a served app between data changes; --cold renews the data version before every
request instead, to show what the first view after a change costs.
"""

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from load_mix import (  # noqa: E402  (the same pages and filters as the load test)
    PASSWORD,
    PLACES,
    REPORT_TABLES,
    WORDS,
    directory_query,
    production_settings,
)


def pages(rng, first_id, last_id):
    """(kind, user, url) in the proportions of bench/load.py's tasks."""
    from urllib.parse import urlencode

    place = rng.choice(PLACES)
    return [
        ("directory with filters", "analyst", f"/activities/?{directory_query(rng, 2)}"),
        ("directory pages", "analyst", f"/activities/?page={rng.randint(1, 20)}"),
        ("search", "analyst", f"/activities/?{urlencode({'q': rng.choice(WORDS)})}"),
        ("activity detail", "analyst", f"/activities/{rng.randint(first_id, last_id)}/"),
        ("export csv (3 filters)", "analyst", f"/activities/export.csv?{directory_query(rng, 3)}"),
        ("report: region", "commissioner", "/reports/"),
        ("report: place", "commissioner", f"/reports/{place}/"),
        ("report table csv", "commissioner", f"/reports/{place}/{rng.choice(REPORT_TABLES)}.csv"),
        ("sign-in page", None, "/accounts/login/"),
        ("sign in", SIGN_IN, "/accounts/login/"),
    ]


SIGN_IN = "sign in"  # a POST of the sign-in form, by a new visitor each time


class QueryTimer:
    """Counts the queries a request makes and the time spent waiting for them."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/psd_scale_load"
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--cache-url", default="")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--only", default="", help="only the kinds of page containing this")
    options = parser.parse_args()

    os.environ.pop("CACHE_URL", None)
    os.environ.update(
        DATABASE_URL=options.database_url, **production_settings(options.cache_url, "testserver")
    )

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.db.models import Max, Min
    from django.test import Client

    from activities.models import Activity
    from activities.records.data_version import data_version_renew

    span = Activity.objects.aggregate(first=Min("pk"), last=Max("pk"))
    if span["first"] is None:
        sys.exit("The database holds no activities: run bench/load.py once to seed it.")
    clients = {}
    for role in ["analyst", "commissioner"]:
        user = User.objects.filter(username=f"bench-{role}").first()
        if user is None:
            sys.exit(f"No user bench-{role}: run bench/load.py once to create it.")
        clients[role] = Client()
        clients[role].force_login(user)
    clients[None] = Client()

    visitor = Client()  # one client (a new one builds the middleware, whitenoise's scan too)

    def ask(role, url):
        if role == SIGN_IN:  # the password hasher, the session and the sign-in's records
            visitor.cookies.clear()  # a new visitor each time
            return visitor.post(url, {"username": "bench-analyst", "password": PASSWORD})
        return clients[role].get(url)

    rng = random.Random(2021)
    profiler = cProfile.Profile() if options.profile else None
    results = {}
    for _ in range(options.repeat + 1):
        for kind, role, url in pages(rng, span["first"], span["last"]):
            if options.only and options.only not in kind:
                continue
            if options.cold:
                data_version_renew()
            timer = QueryTimer()
            profiling = profiler and kind in results  # not the first, which warms the caches
            wall, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(timer):
                if profiling:
                    profiler.enable()
                response = ask(role, url)
                if response.streaming:  # an export is written as it is read
                    b"".join(response.streaming_content)
                if profiling:
                    profiler.disable()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            # An export of more than 5,000 rows is a job (issue 30): its 302 to the job's
            # page is the answer (the job itself runs in a worker; none runs here).
            to_job = response.status_code == 302 and "/jobs/" in response.get("Location", "")
            if response.status_code != (302 if role == SIGN_IN else 200) and not to_job:
                sys.exit(f"{url} gave {response.status_code}")
            if kind not in results:  # the first of each kind warms the caches: not counted
                results[kind] = []
                continue
            results[kind].append((wall * 1000, cpu * 1000, timer.count, timer.seconds * 1000))

    print(f"{'page (median of ' + str(options.repeat) + ')':34} {'wall ms':>8} {'cpu ms':>8}")
    print(f"{'':34} {'':>8} {'':>8} {'queries':>8} {'db ms':>8}")
    total_cpu = 0.0
    for kind, rows in results.items():
        wall, cpu, queries, db = (statistics.median(column) for column in zip(*rows, strict=True))
        total_cpu += sum(row[1] for row in rows)
        print(f"{kind:34} {wall:8.1f} {cpu:8.1f} {queries:8.0f} {db:8.1f}")
    count = sum(len(rows) for rows in results.values())
    print(f"mean app CPU per request: {total_cpu / max(count, 1):.1f} ms over {count} requests")
    if profiler:
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()

"""What a champion's single write costs, one at a time, in one process (no load).

bench/load.py times the champions' writes among 50 readers; this says what each costs
when nothing else is running, so a slow write under load can be told from a busy
machine: for the review queue's page, a "checked" (the htmx post), the admin's change
form, an admin edit (the whole form posted back with a new note) and the admin's list
after it, the median and slowest wall time, the app's CPU time, the queries and the
time waiting for the database, over --repeat writes to the first champion's queue.

Production settings (bench/serve_settings.py) on the load test's database, which
bench/load.py creates, seeds and gives its champions (run it once first). The writes are
real: the activities are checked and their notes changed. No job worker runs, so the
recount each write asks for waits on the queue (the next bench/load.py runs it).

    .venv/bin/python bench/champion_costs.py --cache-url redis://127.0.0.1:6379/11
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import lxml.html  # noqa: E402
from load_mix import CHAMPIONS, REVIEW_ROW, production_settings  # noqa: E402
from page_costs import QueryTimer  # noqa: E402

KINDS = ["review queue", "checked", "admin change form", "admin edit", "admin list"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/psd_scale_load"
    )
    parser.add_argument("--cache-url", default="")
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args()
    os.environ.pop("CACHE_URL", None)
    os.environ.update(
        DATABASE_URL=options.database_url, **production_settings(options.cache_url, "testserver")
    )
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    user = User.objects.filter(username=CHAMPIONS[0][0]).first()
    if user is None:
        sys.exit(f"No user {CHAMPIONS[0][0]}: run bench/load.py once to create it.")
    client = Client()
    client.force_login(user)

    def timed(kind, expect, method, *args, **kwargs):
        timer = QueryTimer()
        wall, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timer):
            response = getattr(client, method)(*args, **kwargs)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if response.status_code != expect:
            sys.exit(f"{kind} gave {response.status_code}, not {expect}")
        results[kind].append((wall * 1000, cpu * 1000, timer.count, timer.seconds * 1000))
        return response

    results = {kind: [] for kind in KINDS}
    for round_ in range(options.repeat + 1):  # the first warms the caches: not counted
        page = timed("review queue", 200, "get", "/activities/review/")
        first, second = [int(pk) for pk in re.findall(REVIEW_ROW, page.content.decode())][:2]
        check = {"action": "checked", "page": ""}
        timed("checked", 200, "post", f"/activities/review/{first}/", check, HTTP_HX_REQUEST="true")
        url = f"/admin/activities/activity/{second}/change/"
        form = timed("admin change form", 200, "get", url)
        fields = lxml.html.fromstring(form.content.decode()).get_element_by_id("activity_form")
        note = f"Phoned the organiser: still running (bench edit {round_})."
        data = [(k, note if k == "notes" else v) for k, v in fields.form_values()]
        data.append(("_save", "Save"))
        form_type = "application/x-www-form-urlencoded"
        saved = timed("admin edit", 302, "post", url, urlencode(data), content_type=form_type)
        timed("admin list", 200, "get", saved["Location"])
        if round_ == 0:
            for rows in results.values():
                rows.clear()

    print(f"{'request (median of ' + str(options.repeat) + ')':30} {'wall ms':>8} {'max ms':>8}")
    print(f"{'':30} {'':>8} {'':>8} {'cpu ms':>8} {'queries':>8} {'db ms':>8}")
    for kind, rows in results.items():
        wall, cpu, queries, db = (statistics.median(column) for column in zip(*rows, strict=True))
        slowest = max(row[0] for row in rows)
        print(f"{kind:30} {wall:8.1f} {slowest:8.1f} {cpu:8.1f} {queries:8.0f} {db:8.1f}")


if __name__ == "__main__":
    main()

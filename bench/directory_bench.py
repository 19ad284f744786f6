"""How fast the directory's list page is at 1,000 and at 100,000 activities.

Builds a database of its own from nothing (never the one you work in), seeds
1,000 made-up activities, times three requests through Django's test client,
seeds up to 100,000, times them again, and prints the median of each and the
ratio 100k / 1k. Targets on PostgreSQL: ratio at most 2, median under 150 ms.

Each request is timed twice over: "first view", with the facet counts cache
emptied before every request (as after a write to the data), and "repeat
view", as served while the data stay the same (paging, coming back).

    .venv/bin/python bench/directory_bench.py                  # SQLite, /tmp file
    .venv/bin/python bench/directory_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/psd_directory_bench

The PostgreSQL database named is dropped and created again.
"""

import argparse
import os
import re
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = {
    "unfiltered": "/activities/",
    "three filters": (
        "/activities/?place=leeds&sector=third_sector&shared_experience=general-mental-health"
    ),
    "search": "/activities/?q=walk",
}
MODES = ["first view", "repeat view"]


def fresh_database(url):
    """Point Django at an empty database: a new SQLite file, or a recreated PostgreSQL one."""
    parsed = urlparse(url)
    if parsed.scheme.startswith("postgres"):
        import psycopg2

        name = parsed.path.lstrip("/")
        admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
    else:
        path = Path(parsed.path)
        path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url


def time_requests(client, repeats):
    """{(label, mode): (median ms, matches)} for each request, first and repeat view."""
    from django.core.cache import caches

    figures = caches["figures"]
    medians = {}
    for label, url in REQUESTS.items():
        for _ in range(3):  # warm the database's buffers and the connection
            assert client.get(url).status_code == 200, url
        for mode in MODES:
            times = []
            for _ in range(repeats):
                if mode == "first view":
                    figures.clear()
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, url
            total = re.search(r'id="match-count"[^>]*>([\d,]+)', response.content.decode()).group(1)
            medians[label, mode] = (statistics.median(times), int(total.replace(",", "")))
    return medians


def analyse(connection):
    """Statistics and visibility as autovacuum would leave them after a bulk load."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/psd_directory_bench.sqlite3")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--large", type=int, default=100_000)
    options = parser.parse_args()

    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    fresh_database(options.database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
    os.environ.setdefault("DEBUG", "1")  # a local run: the settings fail closed without it
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log, no template debugging: as served
    settings.ALLOWED_HOSTS = ["testserver"]

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from activities.demo.generator import DEMO_COUNTS
    from activities.demo.seeding import activities_seed
    from activities.reference.services import reference_data_load
    from scoping.accounts.roles import ANALYSTS

    call_command("migrate", verbosity=0)
    reference_data_load()
    analyst = User.objects.create_user("bench-analyst", password="bench-password-123")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    client = Client()
    client.force_login(analyst)

    print(f"Database: {connection.vendor}, {options.repeats} timed requests each")
    results = {}
    for size, seed in [(1_000, 1), (options.large, 2)]:
        start = time.perf_counter()
        from activities.models import Activity

        activities_seed(count=size - Activity.objects.count(), seed=seed, weights=DEMO_COUNTS)
        analyse(connection)
        print(f"Seeded to {size:,} activities in {time.perf_counter() - start:.1f} s")
        results[size] = time_requests(client, options.repeats)
        for (label, mode), (median, total) in results[size].items():
            print(f"  {label:14} {mode:12} median {median:7.1f} ms  ({total:,} matches)")
    small, large = results[1_000], results[options.large]
    print("Ratio (large / 1,000):")
    for key in small:
        print(f"  {key[0]:14} {key[1]:12} {large[key][0] / small[key][0]:5.2f}")


if __name__ == "__main__":
    main()

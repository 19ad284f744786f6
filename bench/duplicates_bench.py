"""How fast possible duplicates are found at 100,000 activities.

Builds a database of its own (never the one you work in), seeds made-up activities,
adds a few known duplicates across places, and times: one activity's check (an admin
save, a submission), 300 rows' check (an import preview's), and the champions' list of
every pair, computed afresh (the first view after a write; later views read it from the
figures cache). Prints the median of each, and how many pairs were found.

    .venv/bin/python bench/duplicates_bench.py                  # SQLite, /tmp file
    .venv/bin/python bench/duplicates_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/psd_duplicates_bench

The PostgreSQL database named is dropped and created again.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.directory_bench import analyse, fresh_database  # noqa: E402


def median_ms(call, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/psd_duplicates_bench.sqlite3")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--size", type=int, default=100_000)
    options = parser.parse_args()

    warnings.filterwarnings("ignore", message="No directory at")
    fresh_database(options.database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False

    from activities.demo.generator import DEMO_COUNTS
    from activities.demo.seeding import activities_seed
    from activities.duplicates import finder
    from activities.duplicates.finder import Probe, possible_duplicates, serves_key
    from activities.models import Activity, Place
    from activities.reference.services import reference_data_load
    from activities.tests.factories import make_activity

    call_command("migrate", verbosity=0)
    reference_data_load()
    start = time.perf_counter()
    activities_seed(count=options.size, seed=2, weights=DEMO_COUNTS)
    for slug in ("leeds", "wakefield", "kirklees"):
        make_activity("Hearing Voices Group (Test)", place=slug, organisation="Bench Mind Ltd")
    analyse(connection)
    print(f"{connection.vendor}: seeded {Activity.objects.count():,} activities "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip

    sample = list(
        Activity.objects.select_related("organisation").order_by("?")[:300]
    )  # real names: many share their organisation with hundreds of others
    places = list(Place.objects.values_list("pk", flat=True))

    def probe(activity, index):
        other = places[(places.index(activity.place_id or places[0]) + 1) % len(places)]
        name = activity.organisation.name if activity.organisation_id else ""
        return Probe(activity.name, name, serves_key("place", other, ""))

    one = [Probe("Hearing Voice Group", "Bench Mind", serves_key("place", places[-1], ""))]
    ms, found = median_ms(lambda: possible_duplicates(one), options.repeats)
    print(f"  one activity's check    median {ms:8.1f} ms  ({len(found.get(0, []))} found)")
    many = [probe(activity, i) for i, activity in enumerate(sample)]
    ms, found = median_ms(lambda: possible_duplicates(many), options.repeats)
    print(f"  300 rows' check         median {ms:8.1f} ms  ({len(found)} rows flagged)")
    ms, pairs = median_ms(finder._all_pairs, options.repeats)
    print(f"  every pair (uncached)   median {ms:8.1f} ms  ({len(pairs):,} pairs)")


if __name__ == "__main__":
    main()

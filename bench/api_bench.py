"""How fast the Open Referral UK API's /api/services is at 1,000 and 100,000 activities.

Builds a database of its own from nothing (never the one you work in), seeds
1,000 made-up activities, times the requests below through Django's test client
with a partner's token (so the token check and the use log are included), seeds
up to 100,000, times them again, and prints the median of each, the queries each
ran, and the ratio 100k / 1k.

    .venv/bin/python bench/api_bench.py                  # SQLite, /tmp file
    .venv/bin/python bench/api_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/psd_api_bench

The PostgreSQL database named is dropped and created again.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

from directory_bench import analyse, fresh_database

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = {
    "50 a page": "/api/services?per_page=50",
    "last page": None,  # filled in once the size is known
    "a sector": "/api/services?per_page=50&taxonomy_term_id={nhs}",
    "search": "/api/services?per_page=50&search=walk",
    "one service": "/api/services/{first}",
}


def time_requests(client, urls, repeats):
    """{label: (median ms, queries, total_items)} for each request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for label, url in urls.items():
        for _ in range(3):  # warm the database's buffers and the connection
            assert client.get(url).status_code == 200, url
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url).json()
        results[label] = (statistics.median(times), len(queries), body.get("total_items", 1))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/psd_api_bench.sqlite3")
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
    settings.API_RATE_LIMIT = "1000000/minute"

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from activities.api.identifiers import term_id
    from activities.api.models import ApiPartner
    from activities.demo.generator import DEMO_COUNTS
    from activities.demo.seeding import activities_seed
    from activities.models import Activity
    from activities.reference.services import reference_data_load

    call_command("migrate", verbosity=0)
    reference_data_load()
    partner = ApiPartner(name="Bench partner")
    token = partner.issue_token()
    partner.save()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    print(f"Database: {connection.vendor}, {options.repeats} timed requests each")
    results = {}
    for size, seed in [(1_000, 1), (options.large, 2)]:
        start = time.perf_counter()
        activities_seed(count=size - Activity.objects.count(), seed=seed, weights=DEMO_COUNTS)
        analyse(connection)
        print(f"Seeded to {size:,} activities in {time.perf_counter() - start:.1f} s")
        first = Activity.objects.order_by("name", "pk").values_list("uuid", flat=True).first()
        urls = {
            label: (url or f"/api/services?per_page=50&page={-(-size // 50)}").format(
                nhs=term_id("sector", "nhs"), first=first
            )
            for label, url in REQUESTS.items()
        }
        results[size] = time_requests(client, urls, options.repeats)
        for label, (median, queries, total) in results[size].items():
            print(f"  {label:12} median {median:7.1f} ms  {queries} queries  ({total:,} items)")
    small, large = results[1_000], results[options.large]
    print("Ratio (large / 1,000):")
    for label in small:
        print(f"  {label:12} {large[label][0] / small[label][0]:5.2f}")


if __name__ == "__main__":
    main()

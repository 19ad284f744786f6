"""Time the region page and a place page at 1,000 and 100,000 activities.

Prints the median (and the fastest) of several requests per page and size, and
the ratio of the 100,000 median to the 1,000 one (target on PostgreSQL: ratio <= 3, region page
under 300 ms at 100,000). Each page goes through the whole stack (middleware,
session, permission check, the report queries, template) as a signed-in
commissioner, twice over: "first" with the cached activity counts emptied before
each request (as after any write to the data), and "repeat" as served while the
data stay the same.

    .venv/bin/python bench/report_bench.py          # SQLite, bench/out/report_bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/psd_reports_bench \
        .venv/bin/python bench/report_bench.py      # PostgreSQL (database created if missing)

Options: --sizes 1000 100000, --repeat 15, --place bradford-craven.
The bench database is emptied of activities first: never point it at real data.
Activities are seeded with a bulk insert of their own (no history rows: the
reports never read history), spread over the places like the study's; 15% serve
the whole region and 3% several places (the study: 602 activities, 491 on its place pages).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic here
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
os.environ.setdefault("DEBUG", "1")  # a local run: the settings fail closed without it
if not os.environ.get("DATABASE_URL"):
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'bench' / 'out' / 'report_bench.sqlite3'}"

# The study's place sizes, used as weights for where the bench activities are.
PLACE_WEIGHTS = {
    "bradford-craven": 234,
    "calderdale": 35,
    "harrogate-rural-district": 64,
    "kirklees": 48,
    "leeds": 55,
    "wakefield": 55,
}


def ensure_postgres_database(url):
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    connection.close()


def empty_directory():
    """Remove every activity; on PostgreSQL with TRUNCATE, so no dead rows from an
    earlier run slow the small size down."""
    from django.db import connection

    from activities.models import Activity, Organisation

    tables = [
        Activity.shared_experiences.through._meta.db_table,
        Activity.places.through._meta.db_table,
        Activity.history.model._meta.db_table,
        Activity._meta.db_table,
        Organisation._meta.db_table,
    ]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        return
    Activity.shared_experiences.through.objects.all()._raw_delete("default")
    Activity.places.through.objects.all()._raw_delete("default")
    Activity.history.model.objects.all()._raw_delete("default")
    Activity.objects.all()._raw_delete("default")
    Organisation.objects.all()._raw_delete("default")


# As in the study (602 activities, 491 on the place pages): most serve one place,
# some several, the rest the whole region.
REGION_WIDE_SHARE = 0.15
SEVERAL_PLACES_SHARE = 0.03


def _coverage(activity, rng, place_ids, place_weights):
    """Give an activity one place, several (returned, to link) or the whole region."""
    draw = rng.random()
    if draw < REGION_WIDE_SHARE:
        activity.set_coverage(activity.Coverage.REGION)
        return []
    if draw < REGION_WIDE_SHARE + SEVERAL_PLACES_SHARE:
        served = rng.sample(place_ids, rng.choice([2, 2, 3]))
        activity.set_coverage(activity.Coverage.PLACES, served)
        return served
    activity.set_coverage(
        activity.Coverage.PLACE, [rng.choices(place_ids, weights=place_weights)[0]]
    )
    return []


def seed(count, start, rng):
    """Add ``count`` activities (numbered from ``start``) in bulk, with shared experiences."""
    from activities.demo.generator import SHARED_WEIGHTS
    from activities.models import Activity, Place, SharedExperience
    from activities.vocabulary.terms import DeliveryModel, FundingType, MainFocus, Sector, Status

    places = dict(Place.objects.values_list("slug", "pk"))
    place_ids = [places[slug] for slug in PLACE_WEIGHTS]
    place_weights = list(PLACE_WEIGHTS.values())
    experiences = dict(SharedExperience.objects.values_list("slug", "pk"))
    experience_ids = [experiences[slug] for slug in SHARED_WEIGHTS]
    experience_weights = list(SHARED_WEIGHTS.values())
    first_day = datetime.date(2019, 9, 1)
    batch = 5000
    for offset in range(0, count, batch):
        activities, served = [], []
        for i in range(start + offset, start + min(offset + batch, count)):
            name = f"Bench activity {i}"
            activities.append(
                Activity(
                    name=name,
                    name_key=name.lower(),
                    sector=rng.choice(Sector.values),
                    main_focus=rng.choices(MainFocus.values, weights=[3, 1])[0],
                    delivery_model=rng.choice(DeliveryModel.values),
                    funding_type=rng.choice(FundingType.values),
                    status=rng.choices(Status.values, weights=[8, 2, 1])[0],
                    date_scoped=(
                        first_day + datetime.timedelta(days=rng.randrange(240))
                        if rng.random() < 0.95
                        else None
                    ),
                )
            )
            served.append(_coverage(activities[-1], rng, place_ids, place_weights))
        created = Activity.objects.bulk_create(activities)
        Activity.places.through.objects.bulk_create(
            Activity.places.through(activity_id=a.pk, place_id=p)
            for a, places_served in zip(created, served, strict=True)
            for p in places_served
        )
        links = [
            Activity.shared_experiences.through(activity_id=a.pk, sharedexperience_id=e)
            for a in created
            for e in set(
                rng.choices(experience_ids, weights=experience_weights, k=rng.choice([1, 1, 2, 3]))
            )
        ]
        Activity.shared_experiences.through.objects.bulk_create(links)


def analyse():
    """Planner statistics (and on PostgreSQL the visibility map), as autovacuum would leave them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def timings_ms(actions, repeat):
    """{name: [ms, ...]} for each action, run in turn ``repeat`` times.

    Interleaved, so a burst of load from other processes hits every page alike.
    """
    for action in actions.values():  # warm caches and the connection
        action()
        action()
    times = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            started = time.perf_counter()
            action()
            times[name].append((time.perf_counter() - started) * 1000)
    return times


def print_table(title, results, summary):
    columns = list(next(iter(results.values())))
    print(f"\n{title}")
    print(f"{'activities':>12}" + "".join(f"{c:>28}" for c in columns))
    for size, row in results.items():
        print(f"{size:>12,}" + "".join(f"{summary(row[c]):>28.1f}" for c in columns))
    sizes = sorted(results)
    if len(sizes) > 1:
        low, high = results[sizes[0]], results[sizes[-1]]
        print(
            f"{'ratio':>12}"
            + "".join(f"{summary(high[c]) / summary(low[c]):>28.2f}" for c in columns)
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--place", default="bradford-craven")
    args = parser.parse_args()

    ensure_postgres_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from activities.models import Activity
    from activities.records.data_version import data_version_renew
    from activities.reference.services import reference_data_load
    from scoping.accounts.roles import COMMISSIONERS

    setup_test_environment(debug=False)
    call_command("migrate", verbosity=0)
    reference_data_load()
    empty_directory()
    user, _ = User.objects.get_or_create(username="bench-commissioner")
    user.groups.add(Group.objects.get(name=COMMISSIONERS))
    client = Client()
    client.force_login(user)
    urls = {
        "region": "/reports/",
        "place": f"/reports/{args.place}/",
        "region active+dates": "/reports/?status=active&scoped_from=2019-10-01&scoped_to=2020-03-31",
    }

    def get(url, first=False):
        if first:
            caches["figures"].clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    rng = random.Random(2020)
    results = {}
    for size in sorted(args.sizes):
        have = Activity.objects.count()
        started = time.perf_counter()
        seed(size - have, have, rng)
        data_version_renew()  # the bench's own bulk insert sends no signal
        analyse()
        seeded = time.perf_counter() - started
        print(f"seeded {size:,} activities in {seeded:.1f} s", file=sys.stderr, flush=True)
        actions = {}
        for name, url in urls.items():
            actions[f"{name} first"] = lambda url=url: get(url, first=True)
            actions[f"{name} repeat"] = lambda url=url: get(url)
        row = timings_ms(actions, args.repeat)
        results[size] = row

    print_table(
        f"Report pages on {connection.vendor}: median of {args.repeat} requests, ms",
        results,
        statistics.median,
    )
    print_table("Fastest of the requests, ms (the least disturbed by other load)", results, min)
    sizes = sorted(results)
    print(f"\nratio = time at {sizes[-1]:,} activities / time at {sizes[0]:,}")


if __name__ == "__main__":
    main()

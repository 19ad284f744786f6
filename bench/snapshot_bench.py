"""Time taking a snapshot, and the What-changed list, at a given number of activities.

    .venv/bin/python bench/snapshot_bench.py --activities 20000   # SQLite, bench/out/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/psd_snapshot_bench \\
        .venv/bin/python bench/snapshot_bench.py                  # PostgreSQL (must exist)

Prints the seconds ``snapshot_take`` needs (it builds the region's and each
place's report: a pass over the activities per page, the first one filling the
figures cache) and for ``place_changes`` of the largest place since a moment
before the seeding (every activity there counts as added). The bench database
is emptied of activities and snapshots first: never point it at real data.
"""

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
warnings.filterwarnings("ignore", "No directory at")
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
os.environ.setdefault("DEBUG", "1")
if not os.environ.get("DATABASE_URL"):
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'bench' / 'out' / 'snapshot_bench.sqlite3'}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=20_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from activities.demo.generator import DEMO_COUNTS
    from activities.demo.seeding import activities_seed
    from activities.models import Activity, Place
    from activities.reference.services import reference_data_load
    from reports.models import Snapshot
    from reports.snapshots.changes import place_changes
    from reports.snapshots.store import snapshot_take

    call_command("migrate", verbosity=0)
    reference_data_load()
    Snapshot.objects.exclude(slug="scoping-study-2020").delete()
    Activity.history.model.objects.all().delete()
    Activity.objects.all().delete()
    before = timezone.now()
    activities_seed(count=args.activities, seed=7, weights=DEMO_COUNTS)

    started = time.perf_counter()
    snapshot = snapshot_take(name=f"Bench {time.time_ns()}")
    took = time.perf_counter() - started
    region = snapshot.areas.get(place_slug="")
    print(
        f"snapshot_take: {took:.2f} s for {region.total:,} activities ({os.environ['DATABASE_URL'].split(':')[0]})"
    )

    place = Place.objects.get(slug="bradford-craven")
    started = time.perf_counter()
    changes = place_changes(place, before)
    took = time.perf_counter() - started
    print(f"place_changes ({place.name}): {took:.2f} s, {len(changes.added):,} added")


if __name__ == "__main__":
    main()

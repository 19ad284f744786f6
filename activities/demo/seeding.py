"""Seed the directory with many made-up activities (``manage.py seed_demo``).

Rows come from ``demo.demo_rows``. ``services.activities_create`` writes them
through the ORM's ``bulk_create`` (with history), which on SQLite inserts about
40 rows a statement (Django keeps under 999 parameters) and prepares every
value in Python: minutes for 100,000. This module writes the same rows (the
activity, its creation record in the history, its shared experiences) with
``bulk``'s multi-row INSERTs of plain values instead (dates as ISO text, which
both databases read): seconds. It is for made-up data
only; real data go through the importer or the admin.

Names that would clash with an activity already recorded get a number, so
seeding twice, or on top of the demo data, never breaks the identity constraint.
"""

from uuid import uuid4

from django.db import connection, transaction
from django.utils import timezone

from activities.demo.generator import demo_rows
from activities.models import Activity, Organisation, Place, SharedExperience
from activities.records.bulk import records_insert, shared_experience_links_insert
from activities.records.data_version import data_changed
from activities.vocabulary.spelling import clean_text, value_key


def counts_by_place(count, weights):
    """Split ``count`` over places in proportion to ``weights`` (largest remainders)."""
    total = sum(weights.values())
    shares = {place: count * weight / total for place, weight in weights.items()}
    counts = {place: int(share) for place, share in shares.items()}
    left = count - sum(counts.values())
    for place in sorted(shares, key=lambda p: shares[p] - counts[p], reverse=True)[:left]:
        counts[place] += 1
    return {place: n for place, n in counts.items() if n}


def _unique_rows(rows):
    """(row, identity key) pairs, renamed where place + organisation + name is taken."""
    taken = {
        (place, value_key(organisation or ""), name_key)
        for place, organisation, name_key in Activity.objects.values_list(
            "place__slug", "organisation__name", "name_key"
        )
    }
    for row in rows:
        row["name"] = clean_text(row["name"])
        organisation_key = value_key(row["organisation"])
        base, n = row["name"], 2
        key = (row["place"], organisation_key, value_key(row["name"]))
        while key in taken:
            row["name"], n = f"{base} {n}", n + 1
            key = (row["place"], organisation_key, value_key(row["name"]))
        taken.add(key)
        yield row, key


@transaction.atomic
def activities_seed(*, count, seed, weights):
    """Create ``count`` made-up activities, with history and shared experiences."""
    rows, keys = zip(
        *_unique_rows(demo_rows(counts_by_place(count, weights), seed=seed)), strict=True
    )
    places = dict(Place.objects.values_list("slug", "pk"))
    experiences = dict(SharedExperience.objects.values_list("slug", "pk"))
    organisations = Organisation.objects.ids_by_key(row["organisation"] for row in rows)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    published_id = Activity._meta.get_field("uuid")
    records = []
    for row, (_place, organisation_key, name_key) in zip(rows, keys, strict=True):
        record = {
            key: value
            for key, value in row.items()
            if key not in {"organisation", "place", "shared_experiences"}
        }
        record.update(
            name_key=name_key,
            organisation_id=organisations.get(organisation_key),
            place_id=places[row["place"]],
            created=now,
            updated=now,
            # Set here, not left to the default, so the history rows carry the same id.
            uuid=published_id.get_db_prep_save(uuid4(), connection),
        )
        records.append(record)
    last_id = Activity.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    records_insert(model=Activity, records=records)
    ids = {
        (place_id, organisation_id, name_key): pk
        for pk, place_id, organisation_id, name_key in Activity.objects.filter(
            pk__gt=last_id
        ).values_list("pk", "place_id", "organisation_id", "name_key")
    }
    links = []
    for record, row in zip(records, rows, strict=True):
        record["id"] = ids[(record["place_id"], record["organisation_id"], record["name_key"])]
        record.update(history_date=now, history_type="+")
        links.extend((record["id"], experiences[slug]) for slug in row["shared_experiences"])
    records_insert(model=Activity.history.model, records=records)
    shared_experience_links_insert(links)
    data_changed()
    return len(records)

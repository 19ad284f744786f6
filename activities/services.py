"""Writes that touch several models: reference data and bulk activity creation."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .data_version import data_changed
from .models import Activity, Alias, Organisation, Place, SharedExperience
from .spelling import clean_text, value_key

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
REFERENCE_FIXTURES = [
    ("places.json", Place, ("slug",)),
    ("shared_experiences.json", SharedExperience, ("slug",)),
    ("aliases.json", Alias, ("vocabulary", "spelling_key")),
]


@transaction.atomic
def reference_data_load(*, fixtures_dir=FIXTURES):
    """Create the places, taxonomy and aliases that are missing; return how many were added.

    Rows that exist already are left as they are, so edits made in the admin
    survive a second ``make run``.
    """
    added = {}
    for filename, model, key_fields in REFERENCE_FIXTURES:
        records = json.loads((fixtures_dir / filename).read_text(encoding="utf-8"))
        existing = set(model.objects.values_list(*key_fields))
        new = []
        for record in records:
            fields = record["fields"]
            key = tuple(fields[f] for f in key_fields)
            if key not in existing:
                existing.add(key)
                new.append(model(**fields))
        model.objects.bulk_create(new)
        added[model._meta.verbose_name_plural] = len(new)
    data_changed()
    return added


@transaction.atomic
def activities_create(*, rows, scoped_by=None, batch_size=2000):
    """Create activities (and their organisations) from plain dicts, in bulk.

    Each row holds canonical values: place and shared experiences as slugs,
    enumerations as their values, the organisation as a name (may be blank).
    """
    rows = list(rows)
    places = dict(Place.objects.values_list("slug", "pk"))
    experiences = dict(SharedExperience.objects.values_list("slug", "pk"))
    organisations = dict(Organisation.objects.values_list("name_key", "pk"))
    new_orgs = {}
    for row in rows:
        name = clean_text(row.get("organisation"))
        key = value_key(name)
        if key and key not in organisations and key not in new_orgs:
            new_orgs[key] = Organisation(name=name, name_key=key)
    for org in Organisation.objects.bulk_create(new_orgs.values(), batch_size=batch_size):
        organisations[org.name_key] = org.pk

    activities = []
    for row in rows:
        fields = {
            k: v for k, v in row.items() if k not in {"organisation", "place", "shared_experiences"}
        }
        activity = Activity(
            **fields,
            place_id=places[row["place"]],
            organisation_id=organisations.get(value_key(row.get("organisation"))),
            scoped_by=scoped_by,
        )
        activity.set_name(activity.name)
        activities.append(activity)
    created = bulk_create_with_history(
        activities, Activity, batch_size=batch_size, default_user=scoped_by
    )
    links = [
        Activity.shared_experiences.through(
            activity_id=activity.pk, sharedexperience_id=experiences[slug]
        )
        for activity, row in zip(created, rows, strict=True)
        for slug in row["shared_experiences"]
    ]
    Activity.shared_experiences.through.objects.bulk_create(links, batch_size=batch_size * 5)
    data_changed()
    return created


def demo_data_load(*, fixtures_dir=FIXTURES):
    """Load the demo activities once: only into a directory that has none."""
    if Activity.objects.exists():
        return 0
    rows = json.loads((fixtures_dir / "demo_activities.json").read_text(encoding="utf-8"))
    return len(activities_create(rows=rows))

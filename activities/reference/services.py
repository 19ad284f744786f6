"""Writes that touch several models: reference data and bulk activity creation."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from activities.api.identifiers import reference_id
from activities.models import Activity, Alias, Organisation, Place, SharedExperience
from activities.records.bulk import place_links_insert, shared_experience_links_insert
from activities.records.data_version import data_changed
from activities.reference.coverage import Coverage, coverage_of
from activities.vocabulary.spelling import value_key

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
REFERENCE_FIXTURES = [
    ("places.json", Place, ("slug",)),
    ("shared_experiences.json", SharedExperience, ("slug",)),
    ("aliases.json", Alias, ("vocabulary", "spelling_key")),
]
# Published reference rows: the kind their id is named after (``api.identifiers.reference_id``).
REFERENCE_ID_KINDS = {Place: "place", SharedExperience: "shared_experience"}


@transaction.atomic
def reference_data_load(*, fixtures_dir=FIXTURES):
    """Create the places, taxonomy and aliases that are missing; return how many were added.

    Rows that exist already are left as they are, so edits made in the admin
    survive a second ``make run``. A place or shared experience is created with the
    published id named from its slug (``reference_id``), not a random one, so every
    fresh install publishes the same service-area and taxonomy-term ids; an existing
    row's id is never changed (partners may hold it).
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
                if model in REFERENCE_ID_KINDS:
                    fields = {
                        "uuid": reference_id(REFERENCE_ID_KINDS[model], fields["slug"]),
                        **fields,
                    }
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
    ``place`` may be ``"region"`` (``coverage.REGION``) for a region-wide
    activity, or a row may give ``places``, a list of slugs, for several.
    """
    rows = list(rows)
    places = dict(Place.objects.values_list("slug", "pk"))
    experiences = dict(SharedExperience.objects.values_list("slug", "pk"))
    organisations = Organisation.objects.ids_by_key(
        (row.get("organisation") for row in rows), user=scoped_by, batch_size=batch_size
    )

    activities = []
    for row in rows:
        fields = {
            k: v
            for k, v in row.items()
            if k not in {"organisation", "place", "places", "shared_experiences"}
        }
        activity = Activity(
            **fields,
            organisation_id=organisations.get(value_key(row.get("organisation"))),
            scoped_by=scoped_by,
        )
        coverage, slugs = coverage_of(row.get("places") or [row["place"]])
        activity.set_coverage(coverage, [places[slug] for slug in slugs])
        activity.set_name(activity.name)
        activities.append(activity)
    created = bulk_create_with_history(
        activities, Activity, batch_size=batch_size, default_user=scoped_by
    )
    shared_experience_links_insert(
        [
            (activity.pk, experiences[slug])
            for activity, row in zip(created, rows, strict=True)
            for slug in row["shared_experiences"]
        ]
    )
    place_links_insert(
        [
            (activity.pk, places[slug])
            for activity, row in zip(created, rows, strict=True)
            if activity.coverage == Coverage.PLACES
            for slug in row["places"]
        ]
    )
    data_changed()
    return created


def demo_data_load(*, fixtures_dir=FIXTURES):
    """Load the demo activities once: only into a directory that has none."""
    if Activity.objects.exists():
        return 0
    rows = json.loads((fixtures_dir / "demo_activities.json").read_text(encoding="utf-8"))
    return len(activities_create(rows=rows))

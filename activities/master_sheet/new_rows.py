"""Writing a plan's new rows: the activities, their first history rows and their links.

``bulk_create_with_history`` made a model instance per activity and another per history
row, and Django prepared every value of each: most of an import's writing time. The
rows are plain values already, so they go in as multi-row INSERTs of values
(``records.bulk.rows_insert``), a batch at a time: the activities, then (their ids
found by the published ids given them here) one history row each, as
``bulk_create_with_history`` writes it (``+``, the importer, the change reason, one
date), then their shared experiences and places. Like the ORM's bulk path this sends no
signals; ``apply.plan_apply`` renews the data version.
"""

import uuid
from operator import itemgetter

from django.db import connections, models, router

from activities.master_sheet.layout import COMPARED
from activities.models import Activity, ImportRowResult
from activities.records.bulk import place_links_insert, rows_insert, shared_experience_links_insert
from activities.vocabulary.spelling import clean_text, value_key

NEW = ImportRowResult.Result.NEW
# Values a database driver cannot take as Python gives them (dates on SQLite, UUIDs).
PREPARED = (models.DateField, models.UUIDField)  # DateTimeField is a DateField


def rows_create(plan, organisation_ids, history, batch_size):
    """Insert the plan's new rows ``batch_size`` at a time; ``history`` as
    ``bulk_create_with_history`` takes it (``default_user``, ``default_change_reason``,
    ``default_date``)."""
    rows = [row for row in plan.rows if row.result == NEW]
    updated = plan.count(ImportRowResult.Result.UPDATED)
    connection = connections[router.db_for_write(Activity)]
    user = history["default_user"]
    historical = Activity.history.model
    fixed = {
        "history_type": "+",
        "history_user_id": user.pk if user is not None else None,
        "history_change_reason": history["default_change_reason"],
        "history_date": historical._meta.get_field("history_date").get_db_prep_save(
            history["default_date"], connection
        ),
    }
    prepared = [f for f in Activity._meta.concrete_fields if isinstance(f, PREPARED)]
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        _batch_create(batch, organisation_ids, history["default_date"], prepared, fixed)
        plan.report(updated + start + len(batch))


def _batch_create(rows, organisation_ids, now, prepared, history_fixed):
    connection = connections[router.db_for_write(Activity)]
    records, published = [], []
    for row in rows:
        values = row.values
        record = {name: values[name] for name in COMPARED if name in values}
        name = clean_text(record["name"])
        published_id = values.get("uuid")  # the sheet's published id, kept (a restore)
        published_id = published_id if published_id is not None else uuid.uuid4()
        record.update(
            name=name,
            name_key=value_key(name),
            coverage=values["coverage"],
            place_id=values["place_id"],
            places_key=values["places_key"],
            organisation_id=organisation_ids.get(row.identity[1]),
            created=now,
            updated=now,
            version=1,
            uuid=published_id,
        )
        for field in prepared:
            if field.attname in record:
                record[field.attname] = field.get_db_prep_save(record[field.attname], connection)
        records.append(record)
        published.append(published_id)
    _insert(Activity, records, connection)
    ids = dict(Activity.objects.filter(uuid__in=published).values_list("uuid", "pk"))
    links, place_links = [], []
    for record, row, published_id in zip(records, rows, published, strict=True):
        pk = ids[published_id]
        row.activity_id, row.version = pk, 1
        record.update(history_fixed, id=pk)
        links.extend((pk, experience_id) for experience_id in row.values["shared_experiences"])
        place_links.extend((pk, place_id) for place_id in row.values["places"])
    _insert(Activity.history.model, records, connection)
    shared_experience_links_insert(links)
    place_links_insert(place_links)


def _insert(model, records, connection):
    """INSERT ``records`` ({attname: database-ready value}); a field a record lacks takes its
    default, the same for every row (a field whose default is made per row, a published id,
    must be in every record)."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    defaults = {
        f.attname: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if not (f.has_default() and callable(f.default))
    }
    values = itemgetter(*[f.attname for f in fields])
    rows_insert(
        model=model,
        fields=[f.attname for f in fields],
        rows=[values({**defaults, **record}) for record in records],
    )

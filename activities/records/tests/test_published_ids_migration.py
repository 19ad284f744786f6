"""Migration 0012 gives every record's history the record's own published id."""

import importlib
import uuid

import pytest
from django.apps import apps

from activities.models import Activity
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db

migration = importlib.import_module("activities.migrations.0012_open_referral_ids_and_partners")


def test_history_rows_carry_their_records_id():
    kept = make_activity("Kept Walk")
    kept.venue = "Hall"
    kept.save()
    gone = make_activity("Gone Walk")
    gone_id = gone.pk
    gone.delete()
    History = Activity.history.model
    for row in History.objects.all():  # as if each history row had an id of its own
        History.objects.filter(pk=row.pk).update(uuid=uuid.uuid4())

    migration.give_ids(apps, None)

    assert set(History.objects.filter(id=kept.pk).values_list("uuid", flat=True)) == {kept.uuid}
    gone_ids = set(History.objects.filter(id=gone_id).values_list("uuid", flat=True))
    assert len(gone_ids) == 1 and History.objects.filter(id=gone_id).count() > 1

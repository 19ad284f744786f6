"""Migration 0004's indexes exist, and full-text search really uses its GIN index."""

import pytest
from django.db import connection

from activities.models import Activity

pytestmark = pytest.mark.django_db


def index_names():
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "activities_activity"))


def test_the_list_order_has_indexes():
    assert {"activity_directory_name", "activity_directory_place_name"} <= index_names()


def test_search_uses_the_gin_index_on_postgres_and_there_is_none_on_sqlite():
    if connection.vendor != "postgresql":
        assert "activity_search_document" not in index_names()
        return
    assert "activity_search_document" in index_names()
    queryset = Activity.objects.search("walking groups")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "activity_search_document" in plan

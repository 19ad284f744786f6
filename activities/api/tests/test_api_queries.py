"""The API's pages run a fixed number of queries, whatever the page size and however
many activities, organisations, places and shared experiences there are."""

import pytest
from django.db import connection

from activities.api.identifiers import taxonomy_id
from activities.api.tests.oruk import make_known_directory
from activities.demo.seeding import activities_seed
from activities.vocabulary.terms import ENUMERATIONS

pytestmark = pytest.mark.django_db

# partner token, count, the page's rows (organisation and place joined), their shared
# experiences, the places of several-place ones, every place (for region-wide ones),
# the use log's row, the partner's last use
SERVICES_PAGE = 8
# partner token, the activity (joined), its shared experiences, its places, every
# place, use log, last use
ONE_SERVICE = 7
# partner token, places, shared experiences, use log, last use
TAXONOMIES = 5


def full_text():
    """Full-text search on PostgreSQL first finds matching organisations: one more query."""
    return int(connection.vendor == "postgresql")


def many(count):
    make_known_directory(shared=True)
    if count:
        activities_seed(count=count, seed=5, weights={"leeds": 2, "kirklees": 1, "calderdale": 1})


@pytest.mark.parametrize("per_page, extra", [(5, 10), (50, 10), (50, 120), (100, 120)])
def test_services_page_queries_are_fixed(api, django_assert_num_queries, per_page, extra):
    many(extra)
    for query, more in [
        ("", 0),
        ("search=walk", full_text()),
        (f"taxonomy_id={taxonomy_id('sector')}", 0),
        ("modified_after=2020-01-01T00:00:00Z", 0),
    ]:
        with django_assert_num_queries(SERVICES_PAGE + more):
            body = api.get(f"/api/services?per_page={per_page}&{query}").json()
        assert body["size"] == min(per_page, body["total_items"])
    assert body["total_items"] == extra + 5


@pytest.mark.parametrize("extra", [0, 60])
def test_service_at_locations_page_queries_are_fixed(api, django_assert_num_queries, extra):
    many(extra)
    with django_assert_num_queries(SERVICES_PAGE):
        api.get("/api/service_at_locations?per_page=50")


def test_full_service_queries_are_fixed(api, django_assert_num_queries):
    known = make_known_directory()
    with django_assert_num_queries(ONE_SERVICE):
        body = api.get(f"/api/services/{known['walk'].uuid}").json()
    # place, serves, each vocabulary, two shared experiences, online, peer support
    assert len(body["attributes"]) == 2 + len(ENUMERATIONS) + 2 + 2


def test_taxonomy_queries_are_fixed(api, django_assert_num_queries):
    for url in ("/api/taxonomies", "/api/taxonomy_terms?per_page=100"):
        with django_assert_num_queries(TAXONOMIES):
            api.get(url)


def test_public_mode_saves_the_token_and_log_queries(
    client, api_settings, django_assert_num_queries
):
    api_settings.API_PUBLIC = True
    many(60)
    with django_assert_num_queries(SERVICES_PAGE - 3):  # no token, use log or last use
        client.get("/api/services?per_page=50")

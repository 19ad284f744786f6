"""The directory with activities serving one place, several places or the whole region.

By hand: Leeds has "Armley Walk" and "Headingley Group" of its own, Wakefield
"Ossett Buddies"; "Twin City Voices" serves Leeds and Wakefield; "Peer Line"
and "College Online" serve the whole region. Six activities in all.
"""

import pytest

from activities.models import Activity
from activities.tests.factories import make_activity, make_shared_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed():
    make_activity("Armley Walk", place="leeds")
    make_activity("Headingley Group", place="leeds")
    make_activity("Ossett Buddies", place="wakefield")
    make_shared_activity("Twin City Voices", ["leeds", "wakefield"])
    make_shared_activity("Peer Line")
    make_shared_activity("College Online", online=True)


def listed(client, query=""):
    response = client.get("/activities/?per_page=100&" + query)
    assert response.status_code == 200
    return response


def names(response):
    return sorted(a.name for a in response.context["page"].object_list)


def facet(response, name):
    group = next(g for g in response.context["facets"] if g["name"] == name)
    return {option["value"]: option["count"] for option in group["options"]}


def test_a_place_shows_its_own_shared_and_region_wide_activities(mixed, client_for, analyst):
    response = listed(client_for(analyst), "place=leeds")
    assert names(response) == [
        "Armley Walk",
        "College Online",
        "Headingley Group",
        "Peer Line",
        "Twin City Voices",
    ]
    assert response.context["total"] == 5
    html = response.content.decode()
    assert html.count("psd-coverage-tag") == 3
    assert "Leeds; Wakefield <strong" in html and ">Several places</strong>" in html
    assert html.count(">Region-wide</strong>") == 2


def test_an_analyst_can_leave_out_the_region_wide_ones(mixed, client_for, analyst):
    response = listed(client_for(analyst), "place=leeds&coverage=place&coverage=places")
    assert names(response) == ["Armley Walk", "Headingley Group", "Twin City Voices"]
    only_regional = listed(client_for(analyst), "coverage=region")
    assert names(only_regional) == ["College Online", "Peer Line"]


def test_facet_counts_count_an_activity_once_per_place_it_serves(mixed, client_for, analyst):
    response = listed(client_for(analyst))
    assert response.context["total"] == 6  # each activity once
    assert facet(response, "place") == {
        "leeds": 5,
        "wakefield": 4,
        "bradford-craven": 2,
        "kirklees": 2,
        "calderdale": 2,
        "harrogate-rural-district": 2,
    }
    assert facet(response, "coverage") == {"place": 3, "places": 1, "region": 2}

    within_leeds = listed(client_for(analyst), "place=leeds")
    assert facet(within_leeds, "coverage") == {"place": 2, "places": 1, "region": 2}
    online = listed(client_for(analyst), "online=yes")
    assert facet(online, "place")["kirklees"] == 1 and online.context["total"] == 1


def test_the_list_orders_by_place_with_shared_and_regional_ones_last(mixed, client_for, analyst):
    response = listed(client_for(analyst), "order=place")
    shown = [a.name for a in response.context["page"].object_list]
    assert shown[:3] == ["Armley Walk", "Headingley Group", "Ossett Buddies"]
    assert shown[3:] == ["Twin City Voices", "College Online", "Peer Line"]


def test_the_detail_page_says_what_it_serves(mixed, client_for, analyst):
    twin = Activity.objects.get(name="Twin City Voices")
    html = client_for(analyst).get(f"/activities/{twin.pk}/").content.decode()
    assert 'href="/activities/?place=leeds">Leeds</a>; ' in html
    line = Activity.objects.get(name="Peer Line")
    html = client_for(analyst).get(f"/activities/{line.pk}/").content.decode()
    assert "West Yorkshire &amp; Harrogate <strong" in html


def test_the_exports_write_what_each_serves(mixed, client_for, analyst):
    csv_text = b"".join(client_for(analyst).get("/activities/export.csv").streaming_content)
    text = csv_text.decode("utf-8-sig")
    assert "Twin City Voices,Leeds; Wakefield," in text
    assert "Peer Line,WY&H wide," in text


def test_the_place_filter_says_what_it_includes(mixed, client_for, analyst):
    html = listed(client_for(analyst)).content.decode()
    assert "Every activity serving it: its own, those shared with other places" in html

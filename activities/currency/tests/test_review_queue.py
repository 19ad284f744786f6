"""The champions' review queue, their places, and how recently activities were checked."""

import datetime

import pytest
from django.utils import timezone

from activities.currency.models import PlaceChampion
from activities.models import Activity, Place
from activities.tests.factories import make_activity, make_shared_activity
from activities.vocabulary.terms import Status

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAYS = datetime.timedelta


def assign(user, *slugs):
    for slug in slugs:
        PlaceChampion.objects.create(user=user, place=Place.objects.get(slug=slug))


@pytest.fixture
def activities():
    return {
        "never": make_activity("Never Checked", place="leeds", status=Status.ACTIVE),
        "old": make_activity("Old Check", place="leeds", last_verified=TODAY - DAYS(500)),
        "recent": make_activity("Recent Check", place="leeds", last_verified=TODAY - DAYS(10)),
        "closed": make_activity("Closed Group", place="leeds", status=Status.CLOSED),
        "wakefield": make_activity("Wakefield Never", place="wakefield"),
        "wakefield_old": make_activity(
            "Wakefield Old", place="wakefield", last_verified=TODAY - DAYS(400)
        ),
    }


def queue_names(client):
    response = client.get("/activities/review/")
    assert response.status_code == 200
    return [a.name for a in response.context["page"].object_list]


def test_a_champion_sees_their_places_oldest_or_missing_check_first(
    client_for, champion, activities
):
    assign(champion, "leeds")
    assert queue_names(client_for(champion)) == ["Never Checked", "Old Check", "Recent Check"]


def test_a_champion_of_two_places_sees_both(client_for, champion, activities):
    assign(champion, "leeds", "wakefield")
    assert queue_names(client_for(champion)) == [
        "Never Checked",  # no check: first, by place then name
        "Wakefield Never",
        "Old Check",  # 500 days
        "Wakefield Old",  # 400 days
        "Recent Check",
    ]


def test_a_champion_also_reviews_what_their_place_shares_and_the_region_wide(
    client_for, champion, activities
):
    make_shared_activity("Region Line", last_verified=TODAY - DAYS(600))
    make_shared_activity("Leeds and Wakefield Walk", ["leeds", "wakefield"])
    make_shared_activity("Calderdale and Kirklees Walk", ["calderdale", "kirklees"])
    assign(champion, "leeds")
    client = client_for(champion)
    response = client.get("/activities/review/")
    assert [a.name for a in response.context["page"].object_list] == [
        "Never Checked",
        "Leeds and Wakefield Walk",  # no check; no single place, so after Leeds's own
        "Region Line",  # 600 days
        "Old Check",
        "Recent Check",
    ]
    html = response.content.decode()
    assert "WY&amp;H wide" in html and "Leeds; Wakefield" in html
    region = Activity.objects.get(name="Region Line")
    client.post(f"/activities/review/{region.pk}/", {"action": "checked"})
    region.refresh_from_db()
    assert region.last_verified == TODAY and region.last_verified_by == champion
    other = Activity.objects.get(name="Calderdale and Kirklees Walk")
    assert client.post(f"/activities/review/{other.pk}/", {"action": "checked"}).status_code == 404


def test_a_champion_with_no_place_sees_all(client_for, champion, activities):
    names = queue_names(client_for(champion))
    assert set(names) == {a.name for a in activities.values()} - {"Closed Group"}
    assert names.index("Recent Check") == len(names) - 1


def test_checked_today_records_who_and_when(client_for, champion, activities):
    assign(champion, "leeds")
    client = client_for(champion)
    old = activities["old"]
    response = client.post(f"/activities/review/{old.pk}/", {"action": "checked"})
    assert response.status_code == 302 and response["Location"] == "/activities/review/"
    old.refresh_from_db()
    assert (old.last_verified, old.last_verified_by, old.status) == (
        TODAY,
        champion,
        Status.ACTIVE,
    )
    record = old.history.first()
    assert record.history_user == champion
    assert record.history_change_reason == "Review queue: checked today, still running"
    assert queue_names(client)[-1] == "Old Check"  # now the most recent check
    html = client.get("/activities/review/").content.decode()
    assert f"{TODAY:%-d %B %Y} by champion" in html


def test_closed_records_who_and_when_and_leaves_the_queue(client_for, champion, activities):
    assign(champion, "leeds")
    client = client_for(champion)
    never = activities["never"]
    client.post(
        f"/activities/review/{never.pk}/", {"action": "closed", "reason": "stopped", "page": "1"}
    )
    never.refresh_from_db()
    assert (never.status, never.last_verified, never.last_verified_by) == (
        Status.CLOSED,
        TODAY,
        champion,
    )
    assert "Never Checked" not in queue_names(client)


def test_a_champion_cannot_record_a_check_outside_their_places(client_for, champion, activities):
    assign(champion, "leeds")
    wakefield = activities["wakefield"]
    response = client_for(champion).post(
        f"/activities/review/{wakefield.pk}/", {"action": "closed"}
    )
    assert response.status_code == 404
    wakefield.refresh_from_db()
    assert wakefield.status != Status.CLOSED and wakefield.last_verified is None


@pytest.mark.parametrize("action", ["", "delete", "checked<script>"])
def test_an_unknown_action_is_refused(client_for, champion, activities, action):
    response = client_for(champion).post(
        f"/activities/review/{activities['old'].pk}/", {"action": action}
    )
    assert response.status_code == 400
    assert Activity.objects.get(pk=activities["old"].pk).last_verified == TODAY - DAYS(500)


def test_a_huge_id_is_not_found(client_for, champion):
    response = client_for(champion).post(f"/activities/review/{2**70}/", {"action": "checked"})
    assert response.status_code == 404


def test_other_roles_may_not_use_the_queue(client_for, analyst, commissioner, activities):
    for user in (analyst, commissioner):
        client = client_for(user)
        assert client.get("/activities/review/").status_code == 403
        response = client.post(f"/activities/review/{activities['old'].pk}/", {"action": "closed"})
        assert response.status_code == 403


def test_the_queue_runs_a_fixed_number_of_queries(
    client_for, champion, django_assert_num_queries, activities
):
    assign(champion, "leeds", "wakefield")
    client = client_for(champion)
    # session, user, permissions (own and groups', in one), champion's places (queue),
    # count, rows, the several-place activities' places, places
    with django_assert_num_queries(8):
        client.get("/activities/review/")
    for n in range(30):
        make_activity(f"More {n}", place="wakefield", last_verified=TODAY - DAYS(n))
        make_shared_activity(f"Shared {n}", ["leeds", "wakefield"])
    with django_assert_num_queries(8):
        client.get("/activities/review/")


def test_the_report_pages_count_the_activities_checked_in_the_last_12_months(
    client_for, commissioner, activities
):
    make_activity("Checked a year ago today", place="leeds", last_verified=TODAY - DAYS(365))
    make_activity("Checked a year and a day ago", place="leeds", last_verified=TODAY - DAYS(366))
    client = client_for(commissioner)
    html = client.get("/reports/leeds/").content.decode()
    assert "2 of the 6 activities counted here were checked in the last 12 months" in html
    html = client.get("/reports/").content.decode()
    assert "2 of the 8 activities counted here were checked in the last 12 months" in html
    table = html.split('id="currency-by-place"', 1)[1].split("</table>", 1)[0]
    leeds = table.split('data-place="leeds"', 1)[1].split("</tr>", 1)[0]
    wakefield = table.split('data-place="wakefield"', 1)[1].split("</tr>", 1)[0]
    assert ">6<" in leeds and ">2<" in leeds
    assert ">2<" in wakefield and ">0<" in wakefield


def test_the_directory_counts_the_results_checked_in_the_last_12_months(
    client_for, analyst, activities
):
    html = client_for(analyst).get("/activities/?place=leeds").content.decode()
    assert "1 of these 4 checked in the last 12 months" in html
    assert "Leeds: 1 of 4" in html
    make_shared_activity("Region Line", last_verified=TODAY)
    html = client_for(analyst).get("/activities/").content.decode()
    assert "2 of these 7 checked in the last 12 months" in html
    assert "Serving several places or the whole region: 1 of 1" in html


def test_home_offers_champions_the_queue_and_the_submissions(client_for, champion, analyst):
    html = client_for(champion).get("/").content.decode()
    assert 'href="/activities/review/"' in html
    assert 'href="/admin/activities/submission/?state__exact=pending"' in html
    assert "waiting for a decision" in html and "waiting for review" not in html
    html = client_for(analyst).get("/").content.decode()
    assert "/activities/review/" not in html and "submission" not in html


def test_an_administrator_assigns_champions_on_a_places_page(client_for, superuser, champion):
    leeds = Place.objects.get(slug="leeds")
    html = client_for(superuser).get(f"/admin/activities/place/{leeds.pk}/change/").content
    assert b"champions of this place" in html.lower()

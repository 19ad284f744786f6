"""The "What changed" page: activities added, closed and changed since a snapshot."""

import datetime

import pytest
from django.utils import timezone

from activities.models import Activity, Place
from activities.tests.factories import make_activity, make_shared_activity
from activities.vocabulary.terms import Status
from reports.models import Snapshot
from reports.snapshots.changes import place_changes

pytestmark = pytest.mark.django_db


def backdate(activity, when):
    """Pretend the activity's history so far happened at ``when``."""
    activity.history.update(history_date=when)


@pytest.fixture
def scene():
    long_ago = timezone.now() - datetime.timedelta(days=400)
    kept = make_activity("Unchanged Group", place="leeds")
    closing = make_activity("Closing Group", place="leeds", status=Status.ACTIVE)
    moving = make_activity("Moving Group", place="leeds", venue="Armley")
    removed = make_activity("Removed Group", place="leeds")
    elsewhere = make_activity("Wakefield Group", place="wakefield")
    for activity in (kept, closing, moving, removed, elsewhere):
        backdate(activity, long_ago)
    snapshot = Snapshot.objects.create(
        name="Last year",
        slug="last-year",
        label="last year",
        as_at=long_ago + datetime.timedelta(days=1),
        source="test",
    )
    added = make_activity("New Group", place="leeds")
    closing.status = Status.CLOSED
    closing.save()
    moving.venue = "Headingley"
    moving.save()
    removed.delete()
    elsewhere.status = Status.CLOSED
    elsewhere.save()
    return snapshot, added


def names(items):
    return [(i.name, i.fields) for i in items]


def test_added_closed_changed_and_removed_since_a_snapshot(scene):
    snapshot, _added = scene
    changes = place_changes(Activity.objects.get(name="Unchanged Group").place, snapshot.as_at)
    assert names(changes.added) == [("New Group", [])]
    assert names(changes.closed) == [("Closing Group", ["status"])]
    assert names(changes.changed) == [("Moving Group", ["venue"])]
    assert [i.name for i in changes.removed] == ["Removed Group"]
    assert changes.count == 4


def test_shared_and_region_wide_activities_are_listed_only_when_included(scene):
    snapshot, _added = scene
    make_shared_activity("Region Line")
    make_shared_activity("Leeds and Wakefield Walk", ["leeds", "wakefield"])
    make_shared_activity("Calderdale and Kirklees Walk", ["calderdale", "kirklees"])
    leeds = Activity.objects.get(name="Unchanged Group").place
    # As the place's page counts by default: its own activities only.
    assert [i.name for i in place_changes(leeds, snapshot.as_at).added] == ["New Group"]
    added = place_changes(leeds, snapshot.as_at, include_shared=True).added
    assert [i.name for i in added] == ["Leeds and Wakefield Walk", "New Group", "Region Line"]
    kirklees = Place.objects.get(slug="kirklees")
    assert place_changes(kirklees, snapshot.as_at).count == 0
    added = place_changes(kirklees, snapshot.as_at, include_shared=True).added
    assert [i.name for i in added] == ["Calderdale and Kirklees Walk", "Region Line"]


def test_the_page_lists_what_the_summary_counts_and_carries_the_option(
    client_for, commissioner, scene
):
    make_shared_activity("Region Line")
    client = client_for(commissioner)
    html = client.get("/reports/leeds/changes/?since=last-year").content.decode()
    added = html.split('id="changes-added"', 1)[1].split("</section>", 1)[0]
    assert "Added (1)" in added and "Region Line" not in added
    assert "Activities serving Leeds alone, as its summary counts them" in html
    assert 'id="include-shared-link" href="?since=last-year&amp;include_shared=1"' in html
    assert 'id="back-link" href="/reports/leeds/?since=last-year"' in html
    html = client.get("/reports/leeds/changes/?since=last-year&include_shared=1").content.decode()
    added = html.split('id="changes-added"', 1)[1].split("</section>", 1)[0]
    assert "Added (2)" in added and "Region Line" in added
    assert 'id="include-shared-link" href="?since=last-year"' in html
    assert 'id="back-link" href="/reports/leeds/?since=last-year&amp;include_shared=1"' in html
    assert '<input type="hidden" name="include_shared" value="1">' in html


def test_the_page_lists_them_and_runs_a_fixed_number_of_queries(
    client_for, commissioner, scene, django_assert_num_queries
):
    client = client_for(commissioner)
    # session, user, permissions (own and groups'), place, snapshots, history after and before
    with django_assert_num_queries(7):
        response = client.get("/reports/leeds/changes/?since=last-year")
    html = response.content.decode()
    added = html.split('id="changes-added"', 1)[1].split("</section>", 1)[0]
    assert "New Group" in added and "Moving Group" not in added
    assert "Closing Group" in html.split('id="changes-closed"', 1)[1].split("</section>", 1)[0]
    changed = html.split('id="changes-changed"', 1)[1].split("</section>", 1)[0]
    assert "Moving Group</a>: venue" in changed
    assert "Wakefield Group" not in html
    assert 'id="figures-as-at"' in html
    for n in range(10):
        make_activity(f"More {n}", place="leeds")
    with django_assert_num_queries(7):
        client.get("/reports/leeds/changes/?since=last-year")


def test_nothing_changed_since_now(client_for, commissioner, scene):
    Snapshot.objects.create(
        name="Now", slug="now", label="now", as_at=timezone.now(), source="test"
    )
    html = client_for(commissioner).get("/reports/leeds/changes/?since=now").content.decode()
    assert "Nothing has changed since then." in html


def test_an_unknown_place_is_not_found(client_for, commissioner):
    assert client_for(commissioner).get("/reports/nowhere/changes/").status_code == 404

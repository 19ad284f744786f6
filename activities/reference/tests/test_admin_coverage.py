"""A champion enters what an activity serves in the admin: one place, several or the region."""

import pytest

from activities.models import Activity, Place
from activities.records.tests.test_admin import activity_form
from activities.tests.factories import make_activity, make_shared_activity

pytestmark = pytest.mark.django_db
ADD = "/admin/activities/activity/add/"


def pks(*slugs):
    return [Place.objects.get(slug=slug).pk for slug in slugs]


def test_a_champion_adds_a_region_wide_activity(client_for, champion):
    response = client_for(champion).post(ADD, activity_form(coverage="region", places=pks("leeds")))
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get()
    # The place and the ticked place belong to other kinds, so they are dropped.
    assert (activity.coverage, activity.place, activity.places_key) == ("region", None, "region")
    assert activity.places.count() == 0


def test_a_champion_adds_a_several_place_activity(client_for, champion):
    response = client_for(champion).post(
        ADD, activity_form(coverage="places", place="", places=pks("leeds", "kirklees"))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get()
    assert activity.coverage == "places" and activity.place is None
    assert sorted(p.slug for p in activity.places_served()) == ["kirklees", "leeds"]


def test_several_places_need_two_and_one_place_needs_its_place(client_for, champion):
    client = client_for(champion)
    page = client.post(ADD, activity_form(coverage="places", places=pks("leeds"))).content
    assert "Tick the two or more places it serves" in page.decode()
    page = client.post(ADD, activity_form(coverage="place", place="")).content
    assert "Choose the place where the activity happens." in page.decode()
    assert Activity.objects.count() == 0


def test_all_the_places_ticked_is_region_wide_not_several_places(client_for, champion):
    """The definition of "Several places" excludes the whole region, and the form's own
    message says all six is "Region-wide": ticking every place is refused (found in the
    browser, where it was saved as several places)."""
    every_place = list(Place.objects.values_list("pk", flat=True))
    response = client_for(champion).post(
        ADD, activity_form(coverage="places", place="", places=every_place)
    )
    assert response.status_code == 200
    assert "choose “Region-wide” for an activity serving the whole region" in (
        response.content.decode()
    )
    assert not Activity.objects.exists()


def test_a_second_copy_of_a_shared_activity_is_refused_by_name(client_for, champion):
    make_shared_activity("Beeston Walk and Talk", ["leeds", "wakefield"])
    page = client_for(champion).post(
        ADD, activity_form(coverage="places", places=pks("wakefield", "leeds"))
    )
    assert (
        "“Beeston Walk and Talk” with no organisation in Leeds; Wakefield is already in the "
        "directory"
    ) in page.content.decode()
    assert Activity.objects.count() == 1


def test_the_list_says_what_each_serves(client_for, champion):
    make_activity("Own", place="leeds")
    make_shared_activity("Shared", ["leeds", "wakefield"])
    make_shared_activity("Regional")
    client = client_for(champion)
    html = client.get("/admin/activities/activity/").content.decode()
    assert "Leeds; Wakefield (several places)" in html
    assert "WY&amp;H wide (region)" in html
    serving_kirklees = client.get("/admin/activities/activity/?serves=kirklees")
    assert [a.name for a in serving_kirklees.context["cl"].result_list] == ["Regional"]
    serving_leeds = client.get("/admin/activities/activity/?serves=leeds&o=1")
    assert sorted(a.name for a in serving_leeds.context["cl"].result_list) == [
        "Own",
        "Regional",
        "Shared",
    ]


def test_an_administrator_adds_a_spelling_of_the_region(client_for, superuser):
    from activities.master_sheet.apply import master_sheet_import
    from activities.models import Alias
    from activities.tests.workbooks import CANONICAL, row, workbook_bytes

    client = client_for(superuser)
    response = client.post(
        "/admin/activities/alias/add/", {"spelling": "Yorkshire-wide", "means": "place:region"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Alias.objects.get(spelling="Yorkshire-wide").canonical == "region"
    page = client.get("/admin/activities/alias/?vocabulary=place&q=yorkshire-wide").content
    assert "<strong>WY&amp;H wide</strong>" in page.decode()

    data = workbook_bytes({"Activities": [["Place", *CANONICAL], ["Yorkshire wide", *row("Line")]]})
    _run, plan = master_sheet_import(data=data, file_name="sheet.xlsx")
    assert plan.ok and Activity.objects.get().coverage == "region"

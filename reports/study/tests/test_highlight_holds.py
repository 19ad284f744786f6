"""Highlights that stay honest: written against figures, said to no longer hold when those move
materially."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from activities.models import Activity, Place
from activities.reference.services import demo_data_load
from activities.tests.factories import make_activity
from activities.vocabulary.terms import DeliveryModel, Status
from reports.figures.area_figures import live_figures
from reports.models import Highlight
from reports.snapshots.store import study_snapshot_load
from reports.study.highlight_holds import reasons_it_may_not_hold
from reports.study.services import study_highlights_load

pytestmark = pytest.mark.django_db


def groups(n, place="leeds", model=DeliveryModel.SUPPORT_GROUP, prefix="Group"):
    for i in range(n):
        make_activity(f"{prefix} {i}", place=place, delivery_model=model)


@pytest.fixture
def written(client_for, interviewer):
    """A Leeds highlight about delivery models, written in the admin over 10 support groups
    and 5 activity groups."""
    groups(10)
    groups(5, model=DeliveryModel.ACTIVITY_GROUP, prefix="Walk")
    response = client_for(interviewer).post(
        "/admin/reports/highlight/add/",
        {
            "place": Place.objects.get(slug="leeds").pk,
            "order": "1",
            "text": "Support groups lead.",
            "about": "delivery_model",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Highlight.objects.get()


def test_a_highlight_records_when_and_what_it_was_written_against(written):
    assert written.written_on == timezone.localdate()
    assert written.written_total == 15
    assert written.written_order[:2] == ["support_group", "activity_group"]
    assert reasons_it_may_not_hold(written, live_figures()) == []


def test_small_changes_that_keep_the_order_still_hold(written):
    groups(1, prefix="Another")  # 16 of 15: within a tenth
    Activity.objects.filter(name="Walk 0").update(status=Status.CLOSED)  # not a count change
    assert reasons_it_may_not_hold(written, live_figures()) == []


def test_after_a_material_change_in_the_places_total_it_may_not_hold(written):
    groups(2, prefix="Another")  # 17 of 15: more than a tenth
    assert reasons_it_may_not_hold(written, live_figures()) == [
        "activities were 15 when written, now 17"
    ]


def test_after_a_change_in_the_order_it_may_not_hold(written):
    Activity.objects.filter(name__in=[f"Group {i}" for i in range(6)]).update(
        delivery_model=DeliveryModel.ACTIVITY_GROUP
    )  # 4 support groups, 11 activity groups
    reasons = reasons_it_may_not_hold(written, live_figures())
    assert len(reasons) == 1 and reasons[0].startswith("the order was support_group")


def test_after_a_category_overtakes_the_last_named_one_it_may_not_hold():
    groups(5)
    groups(3, model=DeliveryModel.ACTIVITY_GROUP, prefix="Walk")
    highlight = Highlight.objects.create(
        place=Place.objects.get(slug="leeds"),
        text="Support groups lead.",
        about="delivery_model",
        written_total=8,
        written_order=["support_group"],
    )
    assert reasons_it_may_not_hold(highlight, live_figures()) == []
    groups(2, model=DeliveryModel.ACTIVITY_GROUP, prefix="Walk more")  # a tie still holds
    assert reasons_it_may_not_hold(highlight, live_figures()) == [
        "activities were 8 when written, now 10"
    ]
    highlight.written_total = 10
    groups(1, model=DeliveryModel.ACTIVITY_GROUP, prefix="Walk yet more")
    assert reasons_it_may_not_hold(highlight, live_figures())[-1].startswith("the order was")


def test_the_admin_says_whether_a_highlight_holds_and_the_page_says_when_it_was_written(
    client_for, interviewer, commissioner, written
):
    client = client_for(interviewer)
    assert "Still holds" in client.get("/admin/reports/highlight/").content.decode()
    groups(5, prefix="Another")
    html = client.get("/admin/reports/highlight/").content.decode()
    assert "May no longer hold: activities were 15 when written, now 20" in html
    Highlight.objects.filter(pk=written.pk).update(written_on=datetime.date(2020, 3, 1))
    html = client_for(commissioner).get("/reports/leeds/").content.decode()
    said = html.split('<blockquote class="psd-highlight__text">Support groups lead.</blockquote>')
    assert len(said) == 2 and "Written by the team, March 2020" in said[1].split("</li>")[0]
    assert "May no longer hold" in said[1].split("</li>")[0]  # 20 activities, not 15


def test_still_holds_records_todays_figures(client_for, interviewer, written):
    groups(5, prefix="Another")
    client_for(interviewer).post(
        "/admin/reports/highlight/",
        {"action": "highlights_still_hold", "_selected_action": [written.pk]},
    )
    written.refresh_from_db()
    assert written.written_total == 20
    assert reasons_it_may_not_hold(written, live_figures()) == []


def test_rewriting_a_highlight_dates_it_today(client_for, interviewer, written):
    Highlight.objects.filter(pk=written.pk).update(written_on=datetime.date(2020, 6, 30))
    client_for(interviewer).post(
        f"/admin/reports/highlight/{written.pk}/change/",
        {"place": written.place_id, "order": "1", "text": "Rewritten.", "about": "delivery_model"},
    )
    written.refresh_from_db()
    assert written.text == "Rewritten." and written.written_on == timezone.localdate()


# The demo data set and the study's highlights.

STUDY_TOTALS = {
    "bradford-craven": 234,
    "calderdale": 35,
    "harrogate-rural-district": 64,
    "kirklees": 48,
    "leeds": 55,
    "wakefield": 55,
}


@pytest.fixture
def demo():
    demo_data_load()
    study_highlights_load()
    study_snapshot_load()
    return live_figures()


def test_the_demo_data_reproduce_the_studys_place_totals_and_printed_breakdowns(demo):
    assert {slug: demo[slug].found for slug in STUDY_TOTALS} == STUDY_TOTALS
    assert demo[""].found == 602  # the study's headline: 491 in the places, 111 region-wide
    assert Activity.objects.filter(coverage="region").count() == 111
    # The study's place pages counted the place's own activities, not the region-wide ones.
    own = Activity.objects.filter(coverage="place")
    wakefield = dict(
        own.filter(place__slug="wakefield")
        .values_list("delivery_model")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assert wakefield == {
        "support_group": 31,
        "activity_group": 19,
        "one_to_one": 4,
        "course_workshop": 1,
    }
    assert own.filter(place__slug="leeds", sector="third_sector").count() == 33
    harrogate = own.filter(place__slug="harrogate-rural-district")
    assert 45 <= harrogate.filter(delivery_model="support_group").count() * 100 / 64 < 50
    kirklees = demo["kirklees"].counts["sector"]  # the page's, region-wide ones included
    assert kirklees["nhs"] == kirklees["local_authority"]


def test_the_studys_highlights_are_true_of_the_demo_data(demo):
    wrong = {
        (h.scope_name, h.order): reasons_it_may_not_hold(h, demo)
        for h in Highlight.objects.select_related("place")
        if h.place_id and reasons_it_may_not_hold(h, demo)
    }
    assert wrong == {}
    # Every order a bullet states is checked: 24 of them name leading categories.
    assert sum(1 for h in Highlight.objects.all() if h.written_order) == 24
    for highlight in Highlight.objects.filter(place=None):  # the region's hold too
        assert reasons_it_may_not_hold(highlight, demo) == [], highlight.text


def test_the_highlights_admin_runs_a_fixed_number_of_queries(
    client_for, interviewer, django_assert_num_queries, written
):
    client = client_for(interviewer)
    # session, user, permissions (own and groups'), the admin's list (count, count, rows),
    # the places filter, then the live figures: places, data version, the report's
    # activity counts (from the facet index: its six queries, as the tests' cache keeps
    # nothing), the shared experiences' slugs
    with django_assert_num_queries(QUERIES := 17):
        client.get("/admin/reports/highlight/")
    demo_data_load()
    study_highlights_load()
    with django_assert_num_queries(QUERIES):
        client.get("/admin/reports/highlight/")

"""Report figures when activities serve one place, several places or the whole region.

The data set, worked out by hand: Leeds has 3 activities of its own and
Wakefield 1 (``dataset.py``); "Twin City Voices" serves Leeds and Wakefield
(NHS); "Peer Line" and "Recovery College Online" serve the whole region
(Community; the college is closed). So the region has 3 + 1 + 1 + 2 = 7
activities, each counted once; Leeds is served by 3 + 1 + 2 = 6, Wakefield by
1 + 1 + 2 = 4, Calderdale by 0 + 0 + 2 = 2.
"""

import pytest

from activities.tests.factories import make_shared_activity
from activities.vocabulary.terms import Sector, Status
from reports.figures.summaries import ReportOptions, report_build
from reports.figures.tests.test_views import cells
from reports.tests.dataset import make_known_activities

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client_for, commissioner):
    client = client_for(commissioner)
    return lambda url: client.get(url).content.decode()


@pytest.fixture
def mixed():
    make_known_activities()
    make_shared_activity(
        "Twin City Voices",
        ["leeds", "wakefield"],
        experiences=("hearing-voices",),
        sector=Sector.NHS,
        status=Status.ACTIVE,
    )
    make_shared_activity("Peer Line", sector=Sector.COMMUNITY, status=Status.ACTIVE)
    make_shared_activity(
        "Recovery College Online",
        experiences=("general-mental-health",),
        sector=Sector.COMMUNITY,
        status=Status.CLOSED,
    )


def test_the_region_counts_every_activity_once(mixed):
    report = report_build(options=ReportOptions())
    assert report.total == 7
    assert (report.coverages.one_place, report.coverages.several_places) == (4, 1)
    assert report.coverages.region_wide == 2
    by_place = {f.place.slug: f for f in report.places}
    assert by_place["leeds"].count == 6
    assert (by_place["leeds"].own, by_place["leeds"].shared, by_place["leeds"].region_wide) == (
        3,
        1,
        2,
    )
    assert by_place["wakefield"].count == 4
    assert by_place["calderdale"].count == 2
    sector = {row.value: row.count for row in report.breakdown("sector").rows}
    # Third Sector: Headingley, Armley; NHS: Seacroft, Twin City; Community: Ossett + 2.
    assert sector["third_sector"] == 2 and sector["nhs"] == 2 and sector["community"] == 3
    experiences = {row.value: row.count for row in report.breakdown("shared_experience").rows}
    # Anxiety: Ossett and Peer Line (the factory's default); general MH: 2 Leeds + the college.
    assert experiences["anxiety"] == 2 and experiences["general-mental-health"] == 3
    assert experiences["hearing-voices"] == 1


def test_a_place_counts_what_serves_it_and_says_how_much_is_shared(mixed):
    report = report_build(options=ReportOptions(), place_slug="leeds")
    assert report.total == 6
    assert report.coverages.one_place == 3
    assert report.coverages.several_places == 1
    assert report.coverages.region_wide == 2
    # 6 / 818,085 * 100,000 = 0.733... -> 0.7; the region: 7 / 2,474,920 -> 0.3
    assert str(report.per_100k) == "0.7"
    assert str(report.region_per_100k) == "0.3"
    sector = {row.value: (row.count, row.region_count) for row in report.breakdown("sector").rows}
    assert sector["nhs"] == (2, 2) and sector["community"] == (2, 3)
    assert sector["third_sector"] == (2, 2)
    experiences = {
        row.value: (row.count, row.region_count)
        for row in report.breakdown("shared_experience").rows
    }
    assert experiences["hearing-voices"] == (1, 1)
    assert experiences["anxiety"] == (1, 2)  # Peer Line; Ossett is Wakefield's
    assert experiences["general-mental-health"] == (3, 3)

    calderdale = report_build(options=ReportOptions(), place_slug="calderdale")
    assert calderdale.total == 2 and calderdale.coverages.region_wide == 2
    # 2 / 210,100 * 100,000 = 0.95... -> 1.0
    assert str(calderdale.per_100k) == "1.0"


def test_the_options_apply_to_shared_and_regional_activities(mixed):
    report = report_build(options=ReportOptions(active_only=True), place_slug="leeds")
    # Active: Headingley, Seacroft; Twin City; Peer Line (the college is closed).
    assert report.total == 4
    assert (report.coverages.one_place, report.coverages.several_places) == (2, 1)
    assert report.coverages.region_wide == 1
    assert report_build(options=ReportOptions(active_only=True)).total == 5


def test_the_pages_say_what_is_counted_and_the_rates_caveat(mixed, page):
    html = page("/reports/leeds/")
    assert (
        "Of the 6 activities serving Leeds, 3 serve Leeds alone, 1 is shared with other "
        "places and 2 are region-wide"
    ) in html
    assert "compare the coverage the scoping found, not the provision" in html
    assert "the search effort differed between places" in html
    assert "Wakefield: 345,038 people (ONS, published June 2018)" in html
    assert "Leeds: 818,085 people (ONS mid-year estimate, published June 2019)" in html
    region = page("/reports/")
    assert "The region's 7 activities count each activity once: 4 serve one place" in region
    assert cells(region, "places", "leeds")[1] == "6"
    assert cells(region, "places", "calderdale")[1] == "2"
    assert cells(region, "places", "region")[1] == "7"


def test_the_workbook_says_the_same(mixed, client_for, commissioner):
    import io

    from openpyxl import load_workbook

    response = client_for(commissioner).get("/reports/leeds/report.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Activities"] == 6
    assert summary["Shared by several places"] == 1 and summary["Region-wide"] == 2
    assert "not the provision" in summary["Rates per 100,000"]
    assert summary["Population: Leeds"] == "818085 (ONS mid-year estimate, published June 2019)"


def test_the_places_table_says_why_its_percentages_add_up_to_more_than_100(page, mixed):
    html = page("/reports/")
    shares = [float(cells(html, "places", slug)[-1].rstrip("%")) for slug in ["leeds", "wakefield"]]
    assert sum(shares) > 100  # Leeds 6 and Wakefield 4 of the region's 7
    assert 'id="places-overlap"' in html
    assert "their percentages to more than 100" in html


def test_without_shared_activities_the_places_table_adds_up_and_says_nothing(page):
    make_known_activities()  # every activity serves one place
    html = page("/reports/")
    assert 'id="places-overlap"' not in html

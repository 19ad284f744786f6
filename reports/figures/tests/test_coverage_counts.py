"""Report figures when activities serve one place, several places or the whole region.

The data set, worked out by hand: Leeds has 3 activities of its own and
Wakefield 1 (``dataset.py``); "Twin City Voices" serves Leeds and Wakefield
(NHS); "Peer Line" and "Recovery College Online" serve the whole region
(Community; the college is closed). So the region has 3 + 1 + 1 + 2 = 7
activities, each counted once. A place's figures count, as the study did, the
activities serving it alone: Leeds 3, Wakefield 1, the other four 0 (4 of the
region's 7). With the option to include them, those serving it at all: Leeds
3 + 1 + 2 = 6, Wakefield 1 + 1 + 2 = 4, every other place 0 + 0 + 2 = 2.

Every activity is a support group but Armley (activity group) and Ossett (one to
one); its shared experiences: Headingley general mental health and LGBTQI+, Armley
general mental health, Seacroft men's mental health, Ossett anxiety, Twin City
hearing voices, Peer Line anxiety, the college general mental health.
"""

import csv
import io

import pytest
from openpyxl import load_workbook

from activities.models import Place
from activities.tests.factories import make_shared_activity
from activities.vocabulary.terms import Sector, Status
from reports.figures.summaries import ReportOptions, report_build
from reports.figures.tests.glance import glance
from reports.figures.tests.test_exports import page_rows
from reports.figures.tests.test_views import cells
from reports.tests.dataset import make_known_activities

pytestmark = pytest.mark.django_db
OTHERS = ["bradford-craven", "calderdale", "harrogate-rural-district", "kirklees"]
INCLUDE = "?include_shared=1"


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


def test_the_region_counts_every_activity_once_and_each_place_its_own(mixed):
    report = report_build(options=ReportOptions())
    assert report.total == 7
    assert (report.coverages.one_place, report.coverages.several_places) == (4, 1)
    assert report.coverages.region_wide == 2
    by_place = {f.place.slug: f for f in report.places}
    leeds = by_place["leeds"]
    assert (leeds.count, leeds.own, leeds.shared, leeds.region_wide, leeds.serving) == (
        *(3, 3, 1, 2, 6),
    )
    assert by_place["wakefield"].count == 1 and by_place["wakefield"].serving == 4
    assert by_place["calderdale"].count == 0 and by_place["calderdale"].serving == 2
    # The rates and shares count a place's own: 3 / 818,085 -> 0.4; 3 of 7 -> 42.9%.
    assert (str(leeds.per_100k), str(leeds.share)) == ("0.4", "42.9")
    sector = {row.value: row.count for row in report.breakdown("sector").rows}
    assert sector["third_sector"] == 2 and sector["nhs"] == 2 and sector["community"] == 3
    experiences = {row.value: row.count for row in report.breakdown("shared_experience").rows}
    assert experiences["anxiety"] == 2 and experiences["general-mental-health"] == 3
    assert experiences["hearing-voices"] == 1
    wider = report_build(options=ReportOptions(include_shared=True))
    assert wider.total == 7  # the region's count does not move
    by_place = {f.place.slug: f for f in wider.places}
    assert [by_place[s].count for s in ("leeds", "wakefield", "calderdale")] == [6, 4, 2]
    assert str(by_place["leeds"].per_100k) == "0.4"  # still its own


def test_a_place_counts_its_own_and_says_what_else_serves_it(mixed):
    report = report_build(options=ReportOptions(), place_slug="leeds")
    assert (report.total, report.own_total, report.serving_total) == (3, 3, 6)
    assert report.coverages.one_place == 3
    assert report.coverages.several_places == 1
    assert report.coverages.region_wide == 2
    # 3 / 818,085 * 100,000 = 0.366... -> 0.4; the region: 7 / 2,474,920 -> 0.3
    assert str(report.per_100k) == "0.4"
    assert str(report.region_per_100k) == "0.3"
    sector = {row.value: (row.count, row.region_count) for row in report.breakdown("sector").rows}
    assert sector["nhs"] == (1, 2) and sector["community"] == (0, 3)
    assert sector["third_sector"] == (2, 2)
    experiences = {
        row.value: (row.count, row.region_count)
        for row in report.breakdown("shared_experience").rows
    }
    assert experiences["hearing-voices"] == (0, 1)
    assert experiences["anxiety"] == (0, 2)
    assert experiences["general-mental-health"] == (2, 3)

    wider = report_build(options=ReportOptions(include_shared=True), place_slug="leeds")
    assert (wider.total, wider.own_total) == (6, 3)
    assert str(wider.per_100k) == "0.4"  # the rate counts its own whatever the option
    sector = {row.value: (row.count, row.region_count) for row in wider.breakdown("sector").rows}
    assert sector["nhs"] == (2, 2) and sector["community"] == (2, 3)
    experiences = {
        row.value: (row.count, row.region_count)
        for row in wider.breakdown("shared_experience").rows
    }
    assert experiences["hearing-voices"] == (1, 1)
    assert experiences["anxiety"] == (1, 2)  # Peer Line; Ossett is Wakefield's
    assert experiences["general-mental-health"] == (3, 3)

    calderdale = report_build(options=ReportOptions(include_shared=True), place_slug="calderdale")
    assert calderdale.total == 2 and calderdale.coverages.region_wide == 2
    assert str(calderdale.per_100k) == "0.0"


def test_the_options_apply_to_shared_and_regional_activities(mixed):
    active = ReportOptions(active_only=True)
    report = report_build(options=active, place_slug="leeds")
    # Active: Headingley, Seacroft; Twin City; Peer Line (the college is closed).
    assert report.total == 2
    assert (report.coverages.one_place, report.coverages.several_places) == (2, 1)
    assert report.coverages.region_wide == 1
    wider = ReportOptions(active_only=True, include_shared=True)
    assert report_build(options=wider, place_slug="leeds").total == 4
    assert report_build(options=active).total == 5


# Every figure at the top of each page, worked out by hand (see the module's docstring).
# {page: (headline sentence, {chart: {label: (percent, count)}})}; the rates are the same
# on every page: each place's own activities per 100,000, the region's all 7.
RATES = {
    "bradford-craven": "0.0",
    "calderdale": "0.0",
    "harrogate-rural-district": "0.0*",  # its population is Harrogate town's: a note says so
    "kirklees": "0.0",
    "leeds": "0.4",  # 3 / 818,085
    "wakefield": "0.3",  # 1 / 345,038
}
REGION_RATE = "Across the region: 0.3 per 100,000 people (all 7 activities, each counted once)."
CHANGE = "{name}: {n} {noun}; {then} in the 2020 study, {signed} (what changed)."
STUDY = {"leeds": 55, "wakefield": 55, "calderdale": 35}

REGION = (
    "7 peer support activities were found in West Yorkshire & Harrogate, for a population of "
    "2,474,920: 0.3 for every 100,000 people. West Yorkshire & Harrogate: 7 activities; "
    "602 in the 2020 study, \u2212595 (what changed).",
    {
        "sector": {"Community": ("42.9", 3), "NHS": ("28.6", 2), "Third Sector": ("28.6", 2)},
        "delivery_model": {
            "Support group": ("71.4", 5),
            "Activity group": ("14.3", 1),
            "One to one": ("14.3", 1),
        },
        "shared_experience": {
            "General mental health": ("42.9", 3),
            "Anxiety": ("28.6", 2),
            "Hearing voices": ("14.3", 1),
            "LGBTQI+": ("14.3", 1),
            "Men's mental health": ("14.3", 1),
        },
    },
)
OWN = {
    "leeds": (
        "3 peer support activities were found serving Leeds alone, for a population of "
        "818,085: 0.4 for every 100,000 people, against 0.3 across the region (42.9% of the "
        "region's 7 activities). Plus 1 activity shared with other places and 2 region-wide "
        "activities open to people in Leeds (count them in the figures below). "
        + CHANGE.format(name="Leeds", n=3, noun="activities", then=55, signed="\u221252"),
        {
            "sector": {"Third Sector": ("66.7", 2), "NHS": ("33.3", 1)},
            "delivery_model": {"Support group": ("66.7", 2), "Activity group": ("33.3", 1)},
            "shared_experience": {
                "General mental health": ("66.7", 2),
                "LGBTQI+": ("33.3", 1),
                "Men's mental health": ("33.3", 1),
            },
        },
    ),
    "wakefield": (
        "1 peer support activity was found serving Wakefield alone, for a population of "
        "345,038: 0.3 for every 100,000 people, against 0.3 across the region (14.3% of the "
        "region's 7 activities). Plus 1 activity shared with other places and 2 region-wide "
        "activities open to people in Wakefield (count them in the figures below). "
        + CHANGE.format(name="Wakefield", n=1, noun="activity", then=55, signed="\u221254"),
        {
            "sector": {"Community": ("100.0", 1)},
            "delivery_model": {"One to one": ("100.0", 1)},
            "shared_experience": {"Anxiety": ("100.0", 1)},
        },
    ),
    "calderdale": (
        "0 peer support activities were found serving Calderdale alone, for a population of "
        "210,100: 0.0 for every 100,000 people, against 0.3 across the region (0.0% of the "
        "region's 7 activities). Plus 2 region-wide activities open to people in Calderdale "
        "(count them in the figures below). "
        + CHANGE.format(name="Calderdale", n=0, noun="activities", then=35, signed="\u221235"),
        {"sector": {}, "delivery_model": {}, "shared_experience": {}},
    ),
}
SERVING = {
    "leeds": (
        "6 peer support activities are open to people in Leeds: 3 serving Leeds alone, 1 shared "
        "with other places and 2 region-wide (count only those serving Leeds alone). The 3 "
        "serving it alone, for a population of 818,085: 0.4 for every 100,000 people, against "
        "0.3 across the region (42.9% of the region's 7 activities). Leeds (serving it alone): "
        "3 activities; 55 in the 2020 study, \u221252 (what changed).",
        {
            "sector": {"Community": ("33.3", 2), "NHS": ("33.3", 2), "Third Sector": ("33.3", 2)},
            "delivery_model": {"Support group": ("83.3", 5), "Activity group": ("16.7", 1)},
            "shared_experience": {
                "General mental health": ("50.0", 3),
                "Anxiety": ("16.7", 1),
                "Hearing voices": ("16.7", 1),
                "LGBTQI+": ("16.7", 1),
                "Men's mental health": ("16.7", 1),
            },
        },
    ),
    "wakefield": (
        "4 peer support activities are open to people in Wakefield: 1 serving Wakefield alone, "
        "1 shared with other places and 2 region-wide (count only those serving Wakefield "
        "alone). The 1 serving it alone, for a population of 345,038: 0.3 for every 100,000 "
        "people, against 0.3 across the region (14.3% of the region's 7 activities). Wakefield "
        "(serving it alone): 1 activity; 55 in the 2020 study, \u221254 (what changed).",
        {
            "sector": {"Community": ("75.0", 3), "NHS": ("25.0", 1)},
            "delivery_model": {"Support group": ("75.0", 3), "One to one": ("25.0", 1)},
            "shared_experience": {
                "Anxiety": ("50.0", 2),
                "General mental health": ("25.0", 1),
                "Hearing voices": ("25.0", 1),
            },
        },
    ),
    "calderdale": (
        "2 peer support activities are open to people in Calderdale: 0 serving Calderdale alone, "
        "0 shared with other places and 2 region-wide (count only those serving Calderdale "
        "alone). The 0 serving it alone, for a population of 210,100: 0.0 for every 100,000 "
        "people, against 0.3 across the region (0.0% of the region's 7 activities). Calderdale "
        "(serving it alone): 0 activities; 35 in the 2020 study, \u221235 (what changed).",
        {
            "sector": {"Community": ("100.0", 2)},
            "delivery_model": {"Support group": ("100.0", 2)},
            "shared_experience": {
                "Anxiety": ("50.0", 1),
                "General mental health": ("50.0", 1),
            },
        },
    ),
}


def assert_glance(html, expected):
    sentence, charts = expected
    seen = glance(html)
    assert seen["sentence"] == sentence
    assert seen["charts"] == charts
    assert seen["rates"] == RATES
    assert seen["region_rate"] == REGION_RATE


@pytest.mark.parametrize("query", ["", INCLUDE])
def test_every_figure_at_the_top_of_the_region_page(mixed, page, query):
    assert_glance(page("/reports/" + query), REGION)


@pytest.mark.parametrize("slug", list(OWN))
def test_every_figure_at_the_top_of_a_place_page_either_way(mixed, page, slug):
    assert_glance(page(f"/reports/{slug}/"), OWN[slug])
    assert_glance(page(f"/reports/{slug}/{INCLUDE}"), SERVING[slug])


@pytest.mark.parametrize("slug", ["bradford-craven", "harrogate-rural-district", "kirklees"])
def test_the_other_places_have_none_of_their_own_and_two_region_wide(mixed, page, slug):
    seen = glance(page(f"/reports/{slug}/"))
    assert seen["sentence"].startswith("0 peer support activities were found serving ")
    assert "Plus 2 region-wide activities open to people in " in seen["sentence"]
    assert seen["charts"] == {"sector": {}, "delivery_model": {}, "shared_experience": {}}
    assert seen["rates"] == RATES
    seen = glance(page(f"/reports/{slug}/{INCLUDE}"))
    assert seen["charts"]["sector"] == {"Community": ("100.0", 2)}


def test_the_control_is_one_link_that_keeps_the_other_options(mixed, page):
    html = page("/reports/leeds/?status=active")
    assert 'id="include-shared-link" href="?status=active&amp;include_shared=1"' in html
    html = page("/reports/leeds/?status=active&include_shared=1")
    assert 'id="include-shared-link" href="?status=active"' in html
    assert 'id="id_include_shared" type="checkbox" name="include_shared" value="1" checked' in html
    # Every link onwards carries it: the other pages, the downloads, what changed.
    assert 'href="/reports/wakefield/?status=active&amp;include_shared=1"' in html
    assert 'href="/reports/leeds/sector.csv?status=active&amp;include_shared=1"' in html
    assert 'href="/reports/leeds/report.xlsx?status=active&amp;include_shared=1"' in html
    assert "&amp;include_shared=1" in html.split('id="what-changed-link"', 1)[1][:200]
    assert page("/reports/leeds/?include_shared=maybe").count("not valid") == 0


def test_the_pages_say_what_is_counted_and_the_rates_caveat(mixed, page):
    html = page("/reports/leeds/")
    assert (
        "Of the 6 activities serving Leeds, 3 serve Leeds alone, 1 is shared with other "
        "places and 2 are region-wide"
    ) in html
    assert "This page's figures count the 3 serving Leeds alone, as the study did" in html
    assert "compare the coverage the scoping found, not the provision" in html
    assert "the search effort differed between places" in html
    assert "Wakefield: 345,038 people (ONS, published June 2018)" in html
    assert "Leeds: 818,085 people (ONS mid-year estimate, published June 2019)" in html
    assert "Harrogate &amp; Rural District: 75,070 people (ONS, published June 2016): the " in html
    html = page("/reports/leeds/" + INCLUDE)
    assert "This page's figures count all 6, as you chose" in html
    region = page("/reports/")
    assert "The region's 7 activities count each activity once: 4 serve one place" in region
    assert cells(region, "places", "leeds")[1:4] == ["3", "1", "2"]
    assert cells(region, "places", "calderdale")[1:4] == ["0", "0", "2"]
    assert cells(region, "places", "region")[1] == "7"
    assert "The places' own activities add up to 4 of the region's 7" in region


@pytest.mark.parametrize("query", ["", INCLUDE])
@pytest.mark.parametrize("url", ["/reports/", "/reports/leeds/", "/reports/wakefield/"])
def test_the_downloads_say_what_the_page_says_either_way(mixed, client_for, analyst, url, query):
    client = client_for(analyst)
    html = client.get(url + query).content.decode()
    for table in ("sector", "delivery_model", "shared_experience", "places"):
        if f'id="table-{table}"' not in html:
            continue
        response = client.get(f"{url}{table}.csv{query}")
        rows = list(csv.reader(io.StringIO(response.content.decode())))[2:-2]
        assert page_rows(html, table) == [
            [c for i, c in enumerate(r) if not (url != "/reports/" and i == 3)] for r in rows
        ], table
    book = load_workbook(io.BytesIO(client.get(f"{url}report.xlsx{query}").content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    report = client.get(url + query).context["report"]
    assert summary["Activities"] == report.total
    assert summary["Activities per 100,000 people"] == float(report.per_100k)
    sector = {r[0]: r[1] for r in book["Sector"].iter_rows(min_row=2, values_only=True)}
    assert sector == {r.label: r.count for r in report.breakdown("sector").rows}


def test_the_workbook_says_the_same(mixed, client_for, commissioner):
    client = client_for(commissioner)
    book = load_workbook(io.BytesIO(client.get("/reports/leeds/report.xlsx").content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Activities"] == 3 and summary["Serving Leeds alone"] == 3
    assert summary["Shared by several places"] == 1 and summary["Region-wide"] == 2
    assert "not the provision" in summary["Rates per 100,000"]
    assert summary["Population: Leeds"] == "818085 (ONS mid-year estimate, published June 2019)"
    book = load_workbook(io.BytesIO(client.get(f"/reports/leeds/report.xlsx{INCLUDE}").content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Activities"] == 6 and summary["Serving Leeds alone"] == 3
    assert summary["Activities per 100,000 people"] == 0.4
    assert "include the activities it shares" in summary["Counted"]


def test_the_places_table_says_how_the_places_add_up_to_the_region(page, mixed):
    html = page("/reports/")
    shares = [float(cells(html, "places", s)[-1].rstrip("%")) for s in ["leeds", "wakefield"]]
    assert shares == [42.9, 14.3]  # 3 and 1 of the region's 7: their own
    assert 'id="places-overlap"' in html
    assert "the other 3 serve several places or the whole region" in html
    assert Place.objects.count() == 6


def test_without_shared_activities_the_places_table_adds_up_and_says_nothing(page):
    make_known_activities()  # every activity serves one place
    html = page("/reports/")
    assert 'id="places-overlap"' not in html
    assert 'id="include-shared-link"' not in html

"""On the demo data (the study's 602 activities: 491 in the six places, 111 region-wide),
every figure at the top of the region's and each place's page is the study's.

The study's own figures are literals here (its place totals and populations, the two
charts it printed with numbers); the pages' charts are also set against counts made
with plain queries of the database, so a page cannot agree with itself and be wrong.
"""

import csv
import io
from collections import Counter
from html import escape

import pytest

from activities.models import Activity, Place, SharedExperience
from activities.reference.coverage import Coverage, serving_condition
from activities.reference.services import demo_data_load
from activities.vocabulary.terms import ENUMERATION
from reports.figures.tables import percent
from reports.figures.tests.glance import glance
from reports.figures.tests.test_views import cells
from scoping.tests.data_once import loaded_once

pytestmark = pytest.mark.django_db
INCLUDE = "?include_shared=1"
REGION_WIDE = 111
# The study's place pages: name, "A total of N peer support activities scoped, for a
# population of c. P", and N per 100,000 of P to one decimal.
STUDY = {
    "bradford-craven": ("Bradford & Craven", 234, "587,900", "39.8"),
    "calderdale": ("Calderdale", 35, "210,100", "16.7"),
    "harrogate-rural-district": ("Harrogate & Rural District", 64, "75,070", "85.3"),
    "kirklees": ("Kirklees", 48, "438,727", "10.9"),
    "leeds": ("Leeds", 55, "818,085", "6.7"),
    "wakefield": ("Wakefield", 55, "345,038", "15.9"),
}
RATES = {slug: rate for slug, (_, _, _, rate) in STUDY.items()}
RATES["harrogate-rural-district"] += "*"  # the town's population: a note says so
HARROGATE_NOTE = (
    " (the population of Harrogate town, as the study used it, not of the whole Harrogate & "
    "Rural District, so this rate is higher than the district's would be)"
)


def _demo():
    assert demo_data_load() == 602


demo = loaded_once(_demo)  # once for this module's tests


@pytest.fixture
def page(demo, client_for, commissioner):
    client = client_for(commissioner)
    return lambda url: client.get(url).content.decode()


def expected_charts(place=None, include=False):
    """The three small charts, counted with plain queries: {key: {label: (percent, count)}},
    sector every category, delivery model and shared experience the five leading."""
    everything = Activity.objects.all()
    if place is None:
        counted = everything
    elif include:
        counted = everything.filter(serving_condition([place.pk]))
    else:
        counted = everything.filter(place=place, coverage=Coverage.PLACE)
    total = counted.count()
    charts = {}
    for key, shown in (("sector", None), ("delivery_model", 5), ("shared_experience", 5)):
        if key == "shared_experience":
            names = dict(SharedExperience.objects.values_list("slug", "name"))
            field = "shared_experiences__slug"
        else:
            names = ENUMERATION[key].labels
            field = key
        here = Counter(counted.values_list(field, flat=True))
        region = Counter(everything.values_list(field, flat=True))
        order = sorted(names, key=lambda v: (-here[v], -region[v], names[v]))[:shown]
        charts[key] = {names[v]: (str(percent(here[v], total)), here[v]) for v in order if here[v]}
    return charts


def test_the_region_page_is_the_studys_602(page):
    html = page("/reports/")
    seen = glance(html)
    assert seen["sentence"] == (
        "602 peer support activities were found in West Yorkshire & Harrogate, for a "
        "population of 2,474,920: 24.3 for every 100,000 people. West Yorkshire & Harrogate: "
        "602 activities; 602 in the 2020 study, no change (what changed)."
    )
    assert seen["rates"] == RATES
    assert seen["region_rate"] == (
        "Across the region: 24.3 per 100,000 people (all 602 activities, each counted once)."
    )
    assert seen["charts"] == expected_charts()
    for slug, (name, total, population, rate) in STUDY.items():
        row = cells(html, "places", slug)
        assert row[:5] == [escape(name), str(total), "0", str(REGION_WIDE), population]
        assert row[6] == rate
    assert cells(html, "places", "region")[1] == "602"
    assert "The places' own activities add up to 491 of the region's 602" in html
    assert "the other 111 serve several places or the whole region" in html


@pytest.mark.parametrize("slug", list(STUDY))
def test_a_place_page_leads_with_the_studys_count(page, slug):
    name, total, population, rate = STUDY[slug]
    place = Place.objects.get(slug=slug)
    share = percent(total, 602)
    note = HARROGATE_NOTE if slug == "harrogate-rural-district" else ""
    seen = glance(page(f"/reports/{slug}/"))
    assert seen["sentence"] == (
        f"{total} peer support activities were found serving {name} alone, for a population "
        f"of {population}: {rate} for every 100,000 people{note}, against 24.3 across the "
        f"region ({share}% of the region's 602 activities). Plus 111 region-wide activities "
        f"open to people in {name} (count them in the figures below). {name}: {total} "
        f"activities; {total} in the 2020 study, no change (what changed)."
    )
    assert seen["rates"] == RATES
    assert seen["charts"] == expected_charts(place)
    wider = glance(page(f"/reports/{slug}/{INCLUDE}"))
    assert wider["sentence"].startswith(
        f"{total + REGION_WIDE} peer support activities are open to people in {name}: "
        f"{total} serving {name} alone, 0 shared with other places and 111 region-wide "
    )
    assert (
        f"{name} (serving it alone): {total} activities; {total} in the 2020 study"
        in (wider["sentence"])
    )
    assert wider["rates"] == RATES  # the rates count a place's own whatever the option
    assert wider["charts"] == expected_charts(place, include=True)
    assert wider["charts"] != seen["charts"]


def test_the_two_charts_the_study_printed_with_numbers(page):
    leeds = glance(page("/reports/leeds/"))["charts"]["sector"]
    assert leeds["Third Sector"] == ("60.0", 33)  # "60%" of 55
    wakefield = glance(page("/reports/wakefield/"))["charts"]["delivery_model"]
    assert wakefield == {  # "56%, 35%, 7%, 2%" of 55
        "Support group": ("56.4", 31),
        "Activity group": ("34.5", 19),
        "One to one": ("7.3", 4),
        "Course/workshop": ("1.8", 1),
    }
    # Counting the region-wide ones as well is what the issue found on the pages before.
    leeds = glance(page(f"/reports/leeds/{INCLUDE}"))["charts"]["sector"]
    assert leeds["Third Sector"] == ("47.0", 78)
    wakefield = glance(page(f"/reports/wakefield/{INCLUDE}"))["charts"]["delivery_model"]
    assert wakefield["Support group"] == ("42.8", 71)


def test_what_changed_and_the_downloads_count_the_same(page, client_for, analyst):
    html = page("/reports/leeds/changes/")
    assert "Added (55)" in html  # the demo data was entered after the study's date
    assert "Added (166)" in page(f"/reports/leeds/changes/{INCLUDE}")
    client = client_for(analyst)
    rows = list(csv.reader(io.StringIO(client.get("/reports/places.csv").content.decode())))
    by_place = {row[0]: row for row in rows[2:-2]}
    for name, total, _, rate in STUDY.values():
        assert by_place[name][1:4] == [str(total), "0", "111"]
        assert by_place[name][6] == rate
    rows = list(csv.reader(io.StringIO(client.get("/reports/leeds/sector.csv").content.decode())))
    sector = {row[0]: row[1:3] for row in rows[2:-2]}
    assert sector["Third Sector"] == ["33", "60.0"]
    rows = client.get(f"/reports/leeds/sector.csv{INCLUDE}").content.decode()
    sector = {row[0]: row[1:3] for row in list(csv.reader(io.StringIO(rows)))[2:-2]}
    assert sector["Third Sector"] == ["78", "47.0"]

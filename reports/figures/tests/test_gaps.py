"""The gap finder and the six places' rates, against figures worked out by hand
from reports/tests/dataset.py: Leeds three activities (population 818,085),
Wakefield one (345,038), the other four places none; region 2,474,920."""

import re
from decimal import Decimal

import pytest

from activities.tests.factories import make_shared_activity
from reports.tests.dataset import make_known_activities

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(client_for, commissioner):
    make_known_activities()
    return client_for(commissioner).get("/reports/")


def grid(response, key):
    return next(g for g in response.context["report"].gaps if g.key == key)


def cells(grid, value):
    row = next(r for r in grid.rows if r.value == value)
    by_place = {
        place.slug: (c.count, c.share) for place, c in zip(grid.places, row.cells, strict=True)
    }
    return by_place, (row.region.count, row.region.share)


def test_place_by_shared_experience_counts_and_shares(region):
    experiences = grid(region, "gaps-shared-experience")
    by_place, whole = cells(experiences, "general-mental-health")
    assert by_place["leeds"] == (2, Decimal("66.7"))  # 2 of Leeds's 3
    assert by_place["wakefield"] == (0, Decimal("0.0"))  # a gap
    assert whole == (2, Decimal("50.0"))  # 2 of the region's 4
    by_place, whole = cells(experiences, "anxiety")
    assert by_place["wakefield"] == (1, Decimal("100.0")) and by_place["leeds"][0] == 0
    assert whole == (1, Decimal("25.0"))
    # Rows in the region's order: general mental health (2) first.
    assert experiences.rows[0].value == "general-mental-health"


def test_place_by_delivery_model_counts_and_shares(region):
    delivery = grid(region, "gaps-delivery-model")
    by_place, whole = cells(delivery, "support_group")
    assert by_place["leeds"] == (2, Decimal("66.7")) and whole == (2, Decimal("50.0"))
    by_place, whole = cells(delivery, "one_to_one")
    assert by_place["wakefield"] == (1, Decimal("100.0")) and whole == (1, Decimal("25.0"))


def test_empty_cells_are_marked_as_gaps_on_the_page(region):
    html = region.content.decode()
    table = html.split('id="table-gaps-shared-experience"', 1)[1].split("</table>", 1)[0]
    row = table.split('data-value="general-mental-health"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    # Columns: Bradford & Craven, Calderdale, Harrogate, Kirklees, Leeds, Wakefield, Region
    assert cells[4].startswith("2<br>") and "66.7%" in cells[4]
    assert [c for i, c in enumerate(cells[:6]) if i != 4] == ["None found"] * 5
    assert 'class="govuk-table__cell govuk-table__cell--numeric psd-gap"' in row
    assert "50.0%" in cells[6]


def test_the_six_places_rates_with_their_caveat(client_for, commissioner):
    make_known_activities()
    for url in ("/reports/", "/reports/leeds/"):
        response = client_for(commissioner).get(url)
        rates = {bar.slug: (bar.rate, bar.width) for bar in response.context["rates"]}
        assert rates["leeds"] == (Decimal("0.4"), 100.0)  # 3 / 818,085 x 100,000 = 0.37
        assert rates["wakefield"] == (Decimal("0.3"), 75.0)  # 1 / 345,038 = 0.29; 0.3 / 0.4
        assert rates["kirklees"] == (Decimal("0.0"), 0)
        html = response.content.decode()
        assert "not exhaustive" in html.split('id="rates-caveat"', 1)[1][:300]
        # 4 / 2,474,920
        assert "Across the region: 0.2 per 100,000 people (all 4 activities" in html
    current = [b.slug for b in response.context["rates"] if b.current]
    assert current == ["leeds"]


def test_the_headline_sentence_answers_first(client_for, commissioner):
    make_known_activities()
    html = client_for(commissioner).get("/reports/leeds/").content.decode()
    sentence = html.split('id="headline-sentence">', 1)[1].split("</p>", 1)[0]
    sentence = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", sentence))
    # Then the change since the study's published figures (Leeds: 55 in its report).
    assert sentence == (
        "3 peer support activities were found serving Leeds alone, for a population of "
        "818,085: 0.4 for every 100,000 people, against 0.2 across the region "
        "(75.0% of the region's 4 activities). "
        "Leeds: 3 activities; 55 in the 2020 study, \u221252 (what changed)."
    )
    assert html.index('id="headline-sentence"') < html.index('id="heading-delivery_model"')


def test_a_place_column_counts_its_own_activities_unless_shared_ones_are_included(
    client_for, commissioner
):
    """Leeds 3 + Wakefield 1, then one region-wide and one Leeds-and-Wakefield activity,
    both for anxiety: a place counts what serves it alone, or with the option everything
    serving it; the region each activity once."""
    make_known_activities()
    make_shared_activity("Across the Region Anxiety Line", experiences=("anxiety",))
    make_shared_activity("Leeds and Wakefield Walkers", ["leeds", "wakefield"])
    response = client_for(commissioner).get("/reports/")
    by_place, whole = cells(grid(response, "gaps-shared-experience"), "anxiety")
    assert by_place["leeds"] == (0, Decimal("0.0"))  # none of its own 3
    assert by_place["wakefield"] == (1, Decimal("100.0"))  # Ossett, its only own one
    assert by_place["kirklees"] == (0, Decimal("0.0"))
    assert whole == (3, Decimal("50.0"))  # each activity once: 3 of the region's 6
    response = client_for(commissioner).get("/reports/?include_shared=1")
    by_place, whole = cells(grid(response, "gaps-shared-experience"), "anxiety")
    assert by_place["leeds"] == (2, Decimal("40.0"))  # both, of the 5 serving Leeds
    assert by_place["wakefield"] == (3, Decimal("100.0"))  # its own and both, of 3
    assert by_place["kirklees"] == (1, Decimal("100.0"))  # the region-wide one, of 1
    assert whole == (3, Decimal("50.0"))  # each activity once: 3 of the region's 6

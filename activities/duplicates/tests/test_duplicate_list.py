"""The champions' list of possible duplicates: the pairs their places are part of, in a
fixed number of queries."""

import pytest
from django.urls import reverse

from activities.currency.models import PlaceChampion
from activities.models import Place
from activities.tests.factories import make_activity, make_shared_activity

pytestmark = pytest.mark.django_db

URL = reverse("activities:duplicates")


@pytest.fixture
def directory():
    """Two pairs (Leeds-Wakefield, Calderdale-Kirklees) and near misses that are not pairs."""
    made = {
        "leeds": make_activity("Walk & Talk", place="leeds", organisation="Leeds Mind"),
        "wakefield": make_activity(
            "Walk and Talk (Wakefield)", place="wakefield", organisation="Leeds Mind Ltd"
        ),
        "calderdale": make_activity("Hearing Voices Group", place="calderdale"),
        "kirklees": make_activity("Hearing Voice Group", place="kirklees"),
    }
    make_activity("Walk and Talk", place="harrogate-rural-district", organisation="Harrogate Mind")
    make_activity("Women's Walk and Talk", place="kirklees", organisation="Leeds Mind")
    make_shared_activity("Talk and Walk Club", places=("leeds", "calderdale"), organisation="Mind")
    return made


def pair_names(page):
    return page.count('class="govuk-summary-card psd-duplicate-pair"')


def test_a_champion_of_no_place_sees_every_pair(client_for, champion, directory):
    page = client_for(champion).get(URL).content.decode()
    assert "2 possible duplicates" in page
    assert pair_names(page) == 2
    merge = reverse(
        "activities:duplicates_merge", args=[directory["leeds"].pk, directory["wakefield"].pk]
    )
    assert f'href="{merge}"' in page
    assert "Harrogate" not in page and "Women" not in page and "Talk and Walk Club" not in page


def test_a_champion_sees_the_pairs_their_places_are_part_of(client_for, champion, directory):
    PlaceChampion.objects.create(user=champion, place=Place.objects.get(slug="wakefield"))
    page = client_for(champion).get(URL).content.decode()
    assert "1 possible duplicate" in page
    assert "Walk and Talk (Wakefield)" in page and "Hearing Voice" not in page


def test_the_list_runs_a_fixed_number_of_queries(
    client_for, champion, directory, django_assert_num_queries
):
    client = client_for(champion)
    client.get(URL)
    for slug in ("bradford-craven", "harrogate-rural-district"):
        make_activity("Walk and Talk", place=slug, organisation="Leeds Mind")
    # session and user, champion's places, places, token, organisations, activities,
    # the listed activities and their places (the rest is the page's frame)
    with django_assert_num_queries(10):
        page = client.get(URL).content.decode()
    assert "7 possible duplicates" in page  # 4 Walk and Talks, two at a time (6); 1 Voices


def test_with_no_pairs_the_page_says_so(client_for, champion):
    make_activity("Walk and Talk", place="leeds", organisation="Leeds Mind")
    page = client_for(champion).get(URL).content.decode()
    assert 'id="no-duplicates"' in page

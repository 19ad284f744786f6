"""Who may open the directory, what every page says, the detail page, and query counts."""

import pytest

from activities.models import Activity
from activities.tests.directory_data import make_directory, shown_names
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db

BANNER = (
    "These data show what was visible at the time of scoping. They are not exhaustive "
    "and must not be used for signposting."
)


def directory_urls():
    pk = Activity.objects.order_by("pk").first().pk
    return [
        "/activities/",
        f"/activities/{pk}/",
        "/activities/export.csv",
        "/activities/export.xlsx",
    ]


@pytest.mark.parametrize(
    "role", ["champion", "analyst", "interviewer", "commissioner", "superuser"]
)
def test_every_role_may_view_the_directory(request, client_for, role):
    make_directory()
    client = client_for(request.getfixturevalue(role))
    for url in directory_urls():
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_go_to_sign_in(client):
    make_directory()
    for url in directory_urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/activities/")


def test_a_user_without_a_role_is_refused(client_for, nobody):
    make_directory()
    client = client_for(nobody)
    for url in directory_urls():
        assert client.get(url).status_code == 403, url


def test_every_directory_page_carries_the_banner(client_for, analyst):
    make_directory()
    client = client_for(analyst)
    for url in [*directory_urls()[:2], "/activities/?place=narnia", "/activities/?q=zzz"]:
        assert BANNER in client.get(url).content.decode(), url


def test_directory_pages_have_no_inline_script_or_style(client_for, analyst):
    make_directory()
    client = client_for(analyst)
    for url in directory_urls()[:2]:
        page = client.get(url).content.decode()
        assert "<script>" not in page and "style=" not in page
        assert 'href="/static/css/directory.css"' in page
    assert 'src="/static/js/htmx.min.js"' in client.get("/activities/").content.decode()


def test_home_and_navigation_link_to_the_directory(client_for, commissioner, nobody):
    page = client_for(commissioner).get("/").content.decode()
    assert 'href="/activities/">Directory</a>' in page
    assert 'href="/activities/"' not in client_for(nobody).get("/").content.decode()


def test_the_detail_page_shows_everything_recorded(client_for, analyst):
    activities = make_directory()
    walk = activities["Armley Walk and Talk"]
    walk.website = "https://example.org/walk"
    walk.scoped_by_name = "AB"
    walk.save()
    page = (
        client_for(analyst).get(f"/activities/{walk.pk}/?place=leeds&sector=nhs").content.decode()
    )
    for text in [
        "Armley Walk and Talk",
        "Armley Mind",
        '<a class="govuk-link" href="/activities/?place=leeds">Leeds</a>',
        '<a class="govuk-link" href="/activities/?sector=third_sector">Third Sector</a>',
        "Non-mental health focused",
        '<a class="govuk-link" href="/activities/?shared_experience=anxiety">Anxiety</a>',
        "Activity group",
        "Statutory",
        "https://example.org/walk",
        "Armley library",
        "1 October 2019",
        "AB",
        "Meets weekly by the canal.",
        "Version 2",
    ]:
        assert text in page, text


def test_the_detail_page_lists_the_organisations_other_activities(client_for, analyst):
    activities = make_directory()
    walk = activities["Armley Walk and Talk"]
    forum = activities["Leeds Online Forum"]
    response = client_for(analyst).get(f"/activities/{walk.pk}/?place=leeds")
    page = response.content.decode()
    assert "Other activities by Armley Mind" in page
    assert f'href="/activities/{forum.pk}/?place=leeds">Leeds Online Forum</a> (Leeds)' in page
    assert "Keighley" not in page


def test_the_detail_page_links_back_to_the_filtered_list(client_for, analyst):
    activities = make_directory()
    walk = activities["Armley Walk and Talk"]
    client = client_for(analyst)
    listing = client.get("/activities/?place=leeds&sector=third_sector").content.decode()
    detail_url = f"/activities/{walk.pk}/?place=leeds&amp;sector=third_sector"
    assert f'href="{detail_url}"' in listing
    page = client.get(detail_url.replace("&amp;", "&")).content.decode()
    assert 'href="/activities/?place=leeds&amp;sector=third_sector" class="govuk-back-link"' in page


def test_an_informal_group_says_it_has_no_organisation(client_for, analyst):
    activities = make_directory()
    halifax = activities["Halifax Hearing Voices"]
    page = client_for(analyst).get(f"/activities/{halifax.pk}/").content.decode()
    assert "None: an informal group" in page
    assert "Other activities by" not in page


def test_an_unknown_activity_is_not_found(client_for, analyst):
    assert client_for(analyst).get("/activities/999999/").status_code == 404


# session, user, the user's permissions (own and groups', in one), places, shared
# experiences, the data version (once: the figures are cached under the facet index's),
# the index built (activities, their order by name, places, several-place links, shared
# experiences, their links: with the figures cache off, as in these tests, it is built
# for each request), the page's rows (named by pk from the index, with their
# organisation's name; their shared experiences and places come from the index too),
# and whether the figures lag a change (``figures_as_of``: one query).
LIST_QUERIES = 14
# A search is in relevance order: every match ranked (cached with the counts in use; the
# ids matching it are the ranking's, not a query of their own); its page is read by pk as
# the list's is.
SEARCH_QUERIES = LIST_QUERIES + 1
# With the counts cached (activities/records/tests/test_data_version.py): the index is not
# built, and an order other than by name reads its rows as models (two prefetches).
LIST_QUERIES_CACHED = 10


@pytest.mark.parametrize("per_page", [25, 100])
@pytest.mark.parametrize("extra", [0, 60])
def test_the_list_runs_a_fixed_number_of_queries(
    client_for, analyst, django_assert_num_queries, per_page, extra
):
    make_directory()
    for i in range(extra):
        make_activity(f"Walk {i}", place="leeds", experiences=("anxiety", "carers"))
    client = client_for(analyst)
    for query in ["", "place=leeds&sector=third_sector&shared_experience=anxiety", "q=walk"]:
        # Full-text search on PostgreSQL first finds matching organisations: one more.
        expected = SEARCH_QUERIES + _full_text() if query == "q=walk" else LIST_QUERIES
        with django_assert_num_queries(expected):
            response = client.get(f"/activities/?per_page={per_page}&{query}")
        assert len(shown_names(response)) == min(per_page, response.context["total"])
    assert response.context["total"] == extra + 1  # the walks, and Armley Walk and Talk


def _full_text():
    from activities.directory.querysets import full_text_search

    return int(full_text_search())


def test_the_detail_page_runs_a_fixed_number_of_queries(
    client_for, analyst, django_assert_num_queries
):
    activities = make_directory()
    walk = activities["Armley Walk and Talk"]
    for i in range(30):
        make_activity(f"Armley Walk {i}", place="wakefield", organisation="Armley Mind")
    client = client_for(analyst)
    # session, user, permissions, the activity, its shared experiences,
    # the organisation's other activities (the first 20) and how many there are
    with django_assert_num_queries(7):
        page = client.get(f"/activities/{walk.pk}/").content.decode()
    assert "Showing 20 of 31." in page


def test_a_submitted_form_leaves_only_the_parameters_in_use_in_the_address(client_for, analyst):
    client = client_for(analyst)
    response = client.get("/activities/?q=&place=leeds&place=&scoped_from=&scoped_to=&order=name")
    assert response.status_code == 302
    assert response["Location"] == "/activities/?place=leeds&order=name"
    response = client.get("/activities/?q=&scoped_from=")
    assert response["Location"] == "/activities/"
    assert client.get("/activities/?place=leeds").status_code == 200

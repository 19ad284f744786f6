"""Each filter alone and combined gives exactly the right rows; bad values say why."""

import pytest
from django.db import connection

from activities.tests.directory_data import ROWS, make_directory, shown_names
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db


def expected(predicate):
    return sorted(row["name"] for row in ROWS if predicate(row))


@pytest.fixture
def directory(client_for, analyst):
    make_directory()
    client = client_for(analyst)

    def names(query):
        response = client.get("/activities/?" + query)
        assert response.status_code == 200
        assert not response.context["form"].errors, response.context["form"].errors
        return sorted(shown_names(response))

    return names


CASES = [
    ("", lambda r: True),
    ("place=leeds", lambda r: r["place"] == "leeds"),
    ("sector=nhs", lambda r: r["sector"] == "nhs"),
    ("main_focus=non_mental_health", lambda r: r.get("main_focus") == "non_mental_health"),
    ("delivery_model=support_group", lambda r: r["delivery_model"] == "support_group"),
    ("funding_type=unknown", lambda r: r["funding_type"] == "unknown"),
    ("shared_experience=anxiety", lambda r: "anxiety" in r["experiences"]),
    ("status=active", lambda r: r["status"] == "active"),
    ("online=yes", lambda r: r["online"] is True),
    ("online=no", lambda r: r["online"] is False),
    ("online=unknown", lambda r: r["online"] is None),
    ("self_described=no", lambda r: r["self_described_peer_support"] is False),
    (
        "scoped_from=2020-01-15",
        lambda r: r["date_scoped"] and r["date_scoped"].isoformat() >= "2020-01-15",
    ),
    (
        "scoped_to=2020-01-15",
        lambda r: r["date_scoped"] and r["date_scoped"].isoformat() <= "2020-01-15",
    ),
    (
        "scoped_from=2019-11-01&scoped_to=2020-02-01",
        lambda r: r["name"] == "Keighley Peer Support Group",
    ),
    ("q=armley", lambda r: "Armley" in r["name"] or r.get("organisation") == "Armley Mind"),
]


@pytest.mark.parametrize(("query", "predicate"), CASES, ids=[c[0] or "none" for c in CASES])
def test_each_filter_alone_gives_exactly_its_rows(directory, query, predicate):
    assert directory(query) == expected(predicate)


def test_values_of_one_filter_are_alternatives(directory):
    assert directory("place=leeds&place=calderdale") == expected(
        lambda r: r["place"] in {"leeds", "calderdale"}
    )
    assert directory("shared_experience=depression&shared_experience=lgbtqi") == expected(
        lambda r: {"depression", "lgbtqi"} & set(r["experiences"])
    )
    assert directory("online=yes&online=unknown") == expected(lambda r: r["online"] is not False)


def test_filters_together_must_all_hold(directory):
    assert directory("place=leeds&sector=nhs") == ["Leeds Online Forum"]
    assert directory(
        "place=leeds&place=bradford-craven&shared_experience=anxiety&status=closed"
    ) == ["Keighley Peer Support Group"]
    assert directory("sector=community&online=yes") == []


def test_an_activity_with_two_matching_experiences_is_listed_once(directory):
    assert directory("shared_experience=anxiety&shared_experience=depression") == [
        "Armley Walk and Talk",
        "Keighley Peer Support Group",
    ]


def test_search_ignores_case_and_looks_in_organisation_venue_and_notes(directory):
    assert directory("q=ARMLEY+MIND") == ["Armley Walk and Talk", "Leeds Online Forum"]
    assert directory("q=library") == ["Armley Walk and Talk"]
    assert directory("q=canal") == ["Armley Walk and Talk"]
    assert directory("q=wellbeing") == ["Keighley Peer Support Group"]


def test_search_stems_words_on_postgres_and_matches_text_on_sqlite(directory):
    """'groups' finds 'group' with PostgreSQL's English stemming; SQLite finds containing text."""
    if connection.vendor == "postgresql":
        assert directory("q=groups") == ["Halifax Hearing Voices", "Keighley Peer Support Group"]
        assert directory('q="peer support" -keighley') == []
        assert directory("q=walking") == ["Armley Walk and Talk"]
    else:
        assert directory("q=groups") == ["Halifax Hearing Voices"]
        assert directory("q=group") == ["Halifax Hearing Voices", "Keighley Peer Support Group"]


def test_search_ranks_the_best_match_first_on_postgres(client_for, analyst):
    make_directory()
    response = client_for(analyst).get("/activities/?q=hearing+voices")
    assert shown_names(response) == ["Halifax Hearing Voices"]
    response = client_for(analyst).get("/activities/?q=armley&order=name")
    assert shown_names(response) == ["Armley Walk and Talk", "Leeds Online Forum"]


def test_relevance_puts_names_that_match_first_and_follows_a_rename(client_for, analyst):
    """PostgreSQL ranks by the name's stored vector; SQLite, with no ranking, by name."""
    make_activity("A Tuesday group", place="leeds", notes="We walk by the canal.")
    zebra = make_activity("Zebra Walk", place="leeds")
    client = client_for(analyst)
    relevance = connection.vendor == "postgresql"
    expected = ["Zebra Walk", "A Tuesday group"] if relevance else ["A Tuesday group", "Zebra Walk"]
    assert shown_names(client.get("/activities/?q=walk")) == expected
    zebra.name = "Zebra Stroll"
    zebra.notes = "A walk."
    zebra.save()
    # Neither name mentions a walk now: equal rank, so by name.
    assert shown_names(client.get("/activities/?q=walk")) == ["A Tuesday group", "Zebra Stroll"]


@pytest.mark.parametrize(
    ("order", "first"),
    [
        ("name", "Armley Walk and Talk"),
        ("place", "Keighley Peer Support Group"),
        ("date_scoped", "Armley Walk and Talk"),
        ("-date_scoped", "Leeds Online Forum"),
    ],
)
def test_results_can_be_ordered(client_for, analyst, order, first):
    make_directory()
    response = client_for(analyst).get(f"/activities/?order={order}")
    assert shown_names(response)[0] == first


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "place=narnia",
            "“narnia” is not a place the directory knows. Use one of: bradford-craven",
        ),
        (
            "sector=pirates",
            "“pirates” is not a sector the directory knows. Use one of: third_sector",
        ),
        ("shared_experience=x", "“x” is not a shared experience the directory knows."),
        (
            "online=maybe",
            "“maybe” is not a yes/no value the directory knows. Use one of: yes, no, unknown.",
        ),
        ("scoped_from=2020-13-45", "Enter a real date as year-month-day, for example 2019-10-31."),
        (
            "scoped_from=2020-02-01&scoped_to=2020-01-01",
            "The “to” date must be on or after the “from” date.",
        ),
        ("order=random", "“random” is not a sort order the directory knows."),
        (
            "per_page=1000000",
            "“1000000” is not a page size the directory knows. Use one of: 25, 50, 100.",
        ),
        ("page=banana", ""),
    ],
)
def test_invalid_values_give_a_message_not_an_error(client_for, analyst, query, message):
    make_directory()
    response = client_for(analyst).get("/activities/?" + query)
    assert response.status_code == 200
    page = response.content.decode()
    if message:
        assert "Some filters could not be used, so they are not applied" in page
        assert message in page.replace("&amp;", "&")


def test_an_invalid_value_leaves_the_valid_filters_applied(client_for, analyst):
    make_directory()
    response = client_for(analyst).get("/activities/?place=leeds&sector=pirates")
    assert sorted(shown_names(response)) == ["Armley Walk and Talk", "Leeds Online Forum"]


def test_the_page_says_how_many_match_and_lists_active_filters_to_clear(client_for, analyst):
    make_directory()
    response = client_for(analyst).get("/activities/?place=leeds&sector=nhs&sector=third_sector")
    page = response.content.decode()
    assert "2 activities match" in page
    assert 'href="/activities/?sector=nhs&amp;sector=third_sector">Place: Leeds' in page
    assert 'href="/activities/?place=leeds&amp;sector=third_sector">Sector: NHS' in page
    assert 'href="/activities/">Clear all filters</a>' in page
    assert (
        "1 activity matches"
        in client_for(analyst).get("/activities/?sector=community").content.decode()
    )


def test_results_are_paginated_with_the_filters_kept(client_for, analyst):
    from activities.tests.factories import make_activity

    for i in range(30):
        make_activity(f"Walk {i:02d}", place="wakefield")
    client = client_for(analyst)
    first = client.get("/activities/?place=wakefield")
    assert len(shown_names(first)) == 25
    assert 'href="?place=wakefield&amp;page=2"' in first.content.decode()
    second = client.get("/activities/?place=wakefield&page=2")
    assert shown_names(second) == [f"Walk {i:02d}" for i in range(25, 30)]
    assert len(shown_names(client.get("/activities/?place=wakefield&per_page=50"))) == 30


def test_the_sort_menu_shows_the_order_in_force(client_for, analyst):
    make_directory()
    client = client_for(analyst)
    page = client.get("/activities/?q=armley").content.decode()
    assert '<option value="relevance" selected>' in page
    page = client.get("/activities/?order=-date_scoped&per_page=50").content.decode()
    assert '<option value="-date_scoped" selected>' in page
    assert '<option value="50" selected>' in page
    assert '<option value="name" selected>' in client.get("/activities/").content.decode()

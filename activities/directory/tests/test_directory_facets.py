"""Each filter option shows how many of the current results have it (in memory, checked against SQL)."""

import pytest
from django.db.models import Q
from django.http import QueryDict

from activities.directory.facet_index import current_index
from activities.directory.filters import directory_filters
from activities.directory.querysets import BOOLEAN_FACETS, full_text_search
from activities.models import Activity, Place, SharedExperience
from activities.tests.directory_data import make_directory
from activities.vocabulary.terms import ENUMERATIONS

pytestmark = pytest.mark.django_db

WORDS = {"yes": True, "no": False, "unknown": None}


def facet_groups(client, query=""):
    response = client.get("/activities/?" + query)
    return {
        group["name"]: {option["value"]: option["count"] for option in group["options"]}
        for group in response.context["facets"]
    }


def value_filters():
    """{facet: {value: Q}}: each option's own condition, written out independently."""
    filters = {
        # A place counts what serves it: its own activities, shared and region-wide ones.
        "place": {
            p.slug: Q(
                pk__in=Activity.objects.filter(
                    Q(place=p) | Q(places=p) | Q(coverage="region")
                ).values("pk")
            )
            for p in Place.objects.all()
        },
        "coverage": {value: Q(coverage=value) for value in ("place", "places", "region")},
        "shared_experience": {
            e.slug: Q(pk__in=Activity.objects.filter(shared_experiences=e).values("pk"))
            for e in SharedExperience.objects.all()
        },
    }
    for enumeration in ENUMERATIONS:
        field = enumeration.key
        filters[field] = {v: Q(**{field: v}) for v in enumeration.choices.values}
    for field, name in zip(BOOLEAN_FACETS, ["online", "self_described"], strict=True):
        filters[name] = {
            word: Q(**{f"{field}__isnull": True}) if flag is None else Q(**{field: flag})
            for word, flag in WORDS.items()
        }
    return filters


def real_counts(ticked):
    """Count each option the slow way: the other facets' ticked values applied, its own not."""
    filters = value_filters()

    def matching(excluded):
        rows = Activity.objects.all()
        for name, values in ticked.items():
            if name != excluded:
                either = Q()
                for value in values:
                    either |= filters[name][value]
                rows = rows.filter(either)
        return rows

    return {
        name: {value: matching(name).filter(q).count() for value, q in options.items()}
        for name, options in filters.items()
    }


@pytest.mark.parametrize(
    "ticked",
    [
        {},
        {"place": ["leeds"]},
        {"place": ["leeds", "calderdale"]},
        {"sector": ["nhs"], "status": ["active"]},
        {"shared_experience": ["anxiety"]},
        {"shared_experience": ["anxiety"], "place": ["bradford-craven"], "online": ["no"]},
    ],
)
def test_each_option_counts_what_ticking_it_would_give(client_for, analyst, ticked):
    make_directory()
    query = "&".join(f"{name}={value}" for name, values in ticked.items() for value in values)
    assert facet_groups(client_for(analyst), query) == real_counts(ticked)


def test_with_leeds_ticked_the_other_places_still_say_what_they_would_add(client_for, analyst):
    """Hand-counted from directory_data.ROWS."""
    make_directory()
    client = client_for(analyst)
    shown = facet_groups(client, "place=leeds")
    assert shown["place"]["leeds"] == 2
    assert shown["place"]["bradford-craven"] == 1  # Keighley Peer Support Group
    assert shown["place"]["calderdale"] == 1  # Halifax Hearing Voices
    assert shown["place"]["wakefield"] == 0
    assert shown["sector"]["nhs"] == 1 and shown["sector"]["community"] == 0
    response = client.get("/activities/?place=leeds&sector=nhs")
    assert response.context["total"] == 1  # Leeds Online Forum
    shown = facet_groups(client, "place=leeds&sector=nhs")
    assert shown["place"] == {**dict.fromkeys(shown["place"], 0), "leeds": 1, "bradford-craven": 1}
    assert shown["sector"]["third_sector"] == 1 and shown["sector"]["nhs"] == 1
    assert {k: v for k, v in shown["shared_experience"].items() if v} == {"lgbtqi": 1}


@pytest.mark.parametrize(
    "query", ["", "place=leeds", "place=leeds&sector=nhs&shared_experience=anxiety&q=walk"]
)
def test_a_new_combination_of_filters_costs_one_query_once_the_index_is_built(
    figure_cache, query, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_directory()
    current_index()  # built once per data version, for every combination
    filters = directory_filters(QueryDict(query))
    # The data version; a search or dates also read the matching ids (PostgreSQL's
    # search finds matching organisations first, in a query of its own).
    searching = "q=" in query
    with django_assert_num_queries(1 + searching + (searching and full_text_search())):
        counts, _experiences, _checked = filters.facet_counts()
    assert counts["total"] == filters.qs.count()


def test_counts_are_shown_beside_each_option(client_for, analyst):
    make_directory()
    page = client_for(analyst).get("/activities/?place=leeds").content.decode()
    assert 'value="leeds" checked>' in page
    assert 'Leeds <span class="psd-facet__count">(2)</span>' in page
    assert 'Anxiety <span class="psd-facet__count">(1)</span>' in page
    assert 'NHS <span class="psd-facet__count">(1)</span>' in page


def test_large_counts_are_grouped_in_thousands_as_the_reports_write_them():
    from django.template.loader import render_to_string

    from activities.templatetags.directory import facet_options

    options = [{"value": "leeds", "label": "Leeds", "checked": False, "count": 16667}]
    html = facet_options({"name": "place", "options": options})
    assert 'Leeds <span class="psd-facet__count">(16,667)</span>' in html
    html = render_to_string("activities/directory/_filter_match_count.html", {"total": 5031})
    assert html.strip().endswith(">5,031 activities match</p>")
    currency = {"recent": 1200, "total": 5031, "places": [(None, 2500, 1000)]}
    html = render_to_string("activities/currency/_currency.html", {"currency": currency})
    assert "1,200 of these 5,031 checked in the last 12 months" in html
    assert "the whole region: 1,000 of 2,500</li>" in html


def test_each_facet_is_counted_with_the_other_filters_but_not_its_own():
    make_directory()
    filters = directory_filters(QueryDict("online=yes&sector=nhs"))
    counts, by_experience, _checked = filters.facet_counts()
    assert counts["total"] == 1  # Leeds Online Forum
    assert counts["place__leeds"] == 1  # Leeds and NHS (the sector filter applies)
    # sector's own filter does not: the online NHS row, and the online third-sector one
    assert counts["sector__nhs"] == 1 and counts["sector__third_sector"] == 1
    # shared experiences: among the online NHS rows (sector applies, experience is not ticked)
    assert by_experience == {SharedExperience.objects.get(slug="lgbtqi").pk: 1}

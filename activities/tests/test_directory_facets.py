"""Each filter option shows how many of the current results have it, counted in SQL."""

import pytest
from django.db.models import Q

from activities.models import Activity, Place, SharedExperience
from activities.querysets import BOOLEAN_FACETS
from activities.vocabulary import ENUMERATIONS

from .directory_data import make_directory

pytestmark = pytest.mark.django_db

WORDS = {"yes": True, "no": False, "unknown": None}


def facet_groups(client, query=""):
    response = client.get("/activities/?" + query)
    return {
        group["name"]: {option["value"]: option["count"] for option in group["options"]}
        for group in response.context["facets"]
    }


def real_counts(activities):
    """Count the same things by filtering the database value by value."""
    counts = {
        # A place counts what serves it: its own activities, shared and region-wide ones.
        "place": {
            p.slug: activities.filter(Q(place=p) | Q(places=p) | Q(coverage="region"))
            .distinct()
            .count()
            for p in Place.objects.all()
        },
        "coverage": {
            value: activities.filter(coverage=value).count()
            for value in ("place", "places", "region")
        },
        "shared_experience": {
            e.slug: activities.filter(shared_experiences=e).count()
            for e in SharedExperience.objects.all()
        },
    }
    for enumeration in ENUMERATIONS:
        field = enumeration.key
        counts[field] = {
            v: activities.filter(**{field: v}).count() for v in enumeration.choices.values
        }
    for field, name in zip(BOOLEAN_FACETS, ["online", "self_described"], strict=True):
        counts[name] = {
            word: activities.filter(**{f"{field}__isnull": True}).count()
            if flag is None
            else activities.filter(**{field: flag}).count()
            for word, flag in WORDS.items()
        }
    return counts


@pytest.mark.parametrize(
    ("query", "subset"),
    [
        ("", {}),
        ("place=leeds", {"place__slug": "leeds"}),
        ("sector=nhs&status=active", {"sector": "nhs", "status": "active"}),
        ("shared_experience=anxiety", {"shared_experiences__slug": "anxiety"}),
    ],
)
def test_facet_counts_equal_the_real_counts(client_for, analyst, query, subset):
    make_directory()
    shown = facet_groups(client_for(analyst), query)
    assert shown == real_counts(Activity.objects.filter(**subset))


def test_counts_are_shown_beside_each_option(client_for, analyst):
    make_directory()
    page = client_for(analyst).get("/activities/?place=leeds").content.decode()
    assert 'value="leeds" checked>' in page
    assert 'Leeds <span class="psd-facet__count">(2)</span>' in page
    assert 'Anxiety <span class="psd-facet__count">(1)</span>' in page
    assert 'NHS <span class="psd-facet__count">(1)</span>' in page


def test_the_facet_counts_are_one_query(django_assert_num_queries):
    make_directory()
    place_ids = list(Place.objects.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        counts = Activity.objects.filter(online=True).facet_counts(place_ids=place_ids)
    assert counts["total"] == 2
    assert counts["sector__nhs"] == 1 and counts["online__True"] == 2
    with django_assert_num_queries(1):
        by_experience = Activity.objects.filter(online=True).shared_experience_counts()
    assert by_experience == {
        SharedExperience.objects.get(slug="anxiety").pk: 1,
        SharedExperience.objects.get(slug="lgbtqi").pk: 1,
    }

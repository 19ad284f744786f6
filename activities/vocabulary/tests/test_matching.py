"""The alias matcher against every spelling listed in the master-sheet specification.

The table below is copied from master-sheet.md on purpose: it checks the seeded
aliases rather than being derived from them.
"""

import pytest

from activities.models import Alias
from activities.vocabulary.matching import UnknownValue, VocabularyMatcher, canonical_value
from activities.vocabulary.spelling import header_key, value_key

pytestmark = pytest.mark.django_db

SPEC = {
    "place": {
        "Leeds": [],
        "Bradford & Craven": [
            "Bradford",
            "Bradford District and Craven",
            "Bradford and Craven District",
            "Craven",
            "Airedale and Wharfedale",
        ],
        "Wakefield": [],
        "Kirklees": [],
        "Calderdale": [],
        "Harrogate & Rural District": [
            "Harrogate",
            "Harrogate and Rural",
            "Harrogate Rural and District",
        ],
        # The region, for activities serving all of it (the study's "WY&H wide services").
        "WY&H wide": [
            "West Yorkshire & Harrogate",
            "WY&H",
            "WYH",
            "WY&H wide services",
            "West Yorkshire & Harrogate wide",
            "Region-wide",
            "Whole region",
            "Across the region",
            "All places",
            "All areas",
            "ICS wide",
            "WY&H ICS",
        ],
    },
    "sector": {
        "Third Sector": ["3rd sector", "Voluntary", "Voluntary sector", "Charity"],
        "Community": ["Community group"],
        "NHS": [],
        "Local Authority": ["LA", "Council"],
        "Partnership incl. NHS": ["NHS partnership", "Partnership", "Partnership including NHS"],
        # A sector of the study's included activities ("3rd sector/community/LA/NHS/Arts").
        "Arts": [],
        "Other": [],
    },
    "main_focus": {
        "Mental health focused": ["Mental health", "MH"],
        "Non-mental health focused": ["Non-mental health", "Non MH", "Other focus"],
    },
    "delivery_model": {
        "Support group": ["Peer support group"],
        "Activity group": ["Activity"],
        "One to one": ["1:1", "1-1", "121", "One-to-one"],
        "Course/workshop": ["Course", "Workshop"],
        "Online forum": ["Online group", "Forum"],
        "Drop-in": [],
        "Other": [],
    },
    "funding_type": {
        "Statutory": [],
        "Non-statutory": ["Non statutory", "Grant", "Charitable"],
        "Unfunded": ["None", "No funding"],
        "Unknown": ["", "?"],
    },
    "status": {"Active": [], "Unknown": [""], "Closed": []},
    "shared_experience": {
        "General mental health": ["General MH", "Mental health"],
        "Men's mental health": ["Men", "Mens mental health"],
        "Women's mental health": ["Women"],
        "LGBTQI+": ["LGBT", "LGBT+", "LGBTQ+", "LGBTQ"],
        "Anxiety": [],
        "Depression": [],
        "Bereavement (incl. suicide)": ["Bereavement", "Suicide bereavement"],
        "Armed forces / veterans": ["Veterans", "Armed forces"],
        "Carers": ["Carer"],
        "Crisis prevention / management": ["Crisis"],
        "Disability (incl. learning disability)": ["Disability", "Learning disability"],
        "Domestic violence": ["Domestic abuse"],
        "Financial issues and / or debt": ["Debt", "Financial issues"],
        "Alzheimer's / dementia": ["Dementia", "Alzheimers"],
        "HIV and / or AIDS": ["HIV"],
        "Migrant communities": ["Refugees", "Asylum seekers", "Migrants"],
        "Older people": ["Older adults"],
        "Physical health": ["Long term conditions"],
        "Self-harm": ["Self harm"],
        "Substance misuse": ["Drugs and alcohol", "Addiction"],
        "Parenthood": ["Parents", "Parenting", "Perinatal"],
        "BAME communities": ["BAME", "Black and minority ethnic"],
        "Young people": ["Youth"],
        "Hearing voices": [],
        "Eating disorders": [],
        "Autism": ["Autistic people"],
        "Loneliness and isolation": ["Isolation", "Loneliness"],
    },
}

CASES = [
    (vocabulary, spelling, label)
    for vocabulary, values in SPEC.items()
    for label, aliases in values.items()
    for spelling in [label, *aliases]
]


@pytest.fixture(scope="module")
def matcher(django_db_blocker):
    with django_db_blocker.unblock():
        return VocabularyMatcher()


def variants(spelling):
    """Ways a person might type the same thing."""
    yield spelling
    yield spelling.upper()
    yield spelling.lower()
    yield f"  {spelling}\n"
    yield spelling.replace(" ", "  ")
    yield spelling.replace("&", "and")
    yield spelling.replace(" and ", " & ")
    yield spelling.replace("-", " ").replace("/", " / ")


@pytest.mark.parametrize("vocabulary,spelling,label", CASES)
def test_it_maps_every_listed_spelling_and_its_variants(matcher, vocabulary, spelling, label):
    for variant in variants(spelling):
        value = matcher.match(vocabulary, variant)
        assert matcher.labels[vocabulary][value] == label, variant


def test_the_taxonomy_and_places_are_exactly_the_listed_ones(matcher):
    for vocabulary, values in SPEC.items():
        assert sorted(matcher.labels[vocabulary].values()) == sorted(values), vocabulary


def test_it_ignores_punctuation_in_values(matcher):
    assert matcher.match("delivery_model", "drop in") == "drop_in"
    assert matcher.match("delivery_model", "DROP.IN") == "drop_in"
    assert matcher.match("shared_experience", "Alzheimers: dementia") == "alzheimers-dementia"
    assert matcher.match("shared_experience", "mens mental health") == "mens-mental-health"
    assert matcher.match("shared_experience", "Men’s Mental Health") == "mens-mental-health"


def test_it_rejects_an_unknown_value_naming_what_is_accepted(matcher):
    with pytest.raises(UnknownValue) as caught:
        matcher.match("sector", "Private company")
    message = str(caught.value)
    assert "“Private company” is not a known sector" in message
    for label in SPEC["sector"]:
        assert label in message


def test_it_says_a_required_value_is_missing(matcher):
    with pytest.raises(UnknownValue) as caught:
        matcher.match("delivery_model", "  ")
    assert "is required" in str(caught.value)
    assert "Support group" in str(caught.value)


def test_slugs_match_too(matcher):
    assert matcher.match("shared_experience", "lgbtqi") == "lgbtqi"
    assert matcher.match("place", "bradford-craven") == "bradford-craven"
    assert matcher.match("sector", "third_sector") == "third_sector"


def test_a_new_alias_added_in_the_admin_is_used_without_a_release():
    with pytest.raises(UnknownValue):
        canonical_value("sector", "Social enterprise")
    Alias.objects.create(
        vocabulary="sector", spelling="Social enterprise", canonical="third_sector"
    )
    assert canonical_value("sector", "social-enterprise") == "third_sector"


def test_the_one_off_function_matches_like_the_matcher():
    assert canonical_value("place", " bradford ") == "bradford-craven"
    assert canonical_value("funding_type", None) == "unknown"


def test_header_keys_ignore_bracketed_hints_and_line_breaks():
    assert header_key("Main focus \n(mental or non-mental health)") == header_key("Main focus")
    assert header_key("  PROJECT NAME /\nSUPPORT TYPE ") == header_key(
        "Project name / support type"
    )


def test_value_keys_keep_bracketed_text():
    assert value_key("Walk (evenings)") != value_key("Walk")

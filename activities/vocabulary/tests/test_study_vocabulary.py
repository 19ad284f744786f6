"""The study's own words for its vocabularies are accepted, and every value is defined.

The spellings below are quoted from the study's text (scoping-report.txt): its
list of included activity types, its place pages and its methodology. Each must
match a canonical value, through the name itself or an alias in fixtures/aliases.json.
"""

import pytest

from activities.models import SharedExperience
from activities.vocabulary.matching import VocabularyMatcher
from activities.vocabulary.terms import DEFINITIONS, ENUMERATIONS

pytestmark = pytest.mark.django_db

STUDY_SPELLINGS = [
    # "Activities that happened within different sectors (3rd sector/community/LA/NHS/Arts)"
    ("sector", "3rd sector", "third_sector"),
    ("sector", "community", "community"),
    ("sector", "LA", "local_authority"),
    ("sector", "NHS", "nhs"),
    ("sector", "Arts", "arts"),
    # "Majority of interviews ... within the Third Sector and Partnerships incl. NHS"
    ("sector", "Partnerships incl. NHS", "partnership_nhs"),
    ("sector", "Third Sector", "third_sector"),
    ("sector", "Partnership incl. NHS", "partnership_nhs"),
    # "Kirklees also has many arts-based organisations"
    ("sector", "arts-based organisation", "arts"),
    ("sector", "Community groups", "community"),
    ("sector", "NHS & third sector partnership", "partnership_nhs"),
    ("sector", "local authority groups", "local_authority"),
    # The master-sheet example and the charts.
    ("main_focus", "Mental health focused", "mental_health"),
    ("delivery_model", "Support group", "support_group"),
    ("delivery_model", "Activity group", "activity_group"),
    ("delivery_model", "One to one", "one_to_one"),
    ("delivery_model", "Course/workshop", "course_workshop"),
    ("delivery_model", "courses and workshops", "course_workshop"),
    ("delivery_model", "1:1", "one_to_one"),
    ("delivery_model", "creative activity groups", "activity_group"),
    ("funding_type", "Statutory", "statutory"),
    ("funding_type", "Non-statutory", "non_statutory"),
    ("funding_type", "Unfunded", "unfunded"),
    ("funding_type", "Gov funded", "statutory"),
    # The place pages' shared experiences.
    ("shared_experience", "General mental health", "general-mental-health"),
    ("shared_experience", "men's mental health", "mens-mental-health"),
    ("shared_experience", "LGBTQI+ community", "lgbtqi"),
    ("shared_experience", "substance misuse", "substance-misuse"),
    ("shared_experience", "disability support", "disability-incl-learning-disability"),
    ("shared_experience", "Alzheimer's / Dementia", "alzheimers-dementia"),
    ("shared_experience", "Women's mental health", "womens-mental-health"),
    ("shared_experience", "BAME groups", "bame-communities"),
    ("place", "Harrogate & Rural", "harrogate-rural-district"),
    ("place", "WY&H wide services", "region"),
    ("place", "West Yorkshire and Harrogate", "region"),
    # The scoping methods: desk-based, local area scoping, professional networks.
    ("how_found", "Desk-based", "desk_research"),
    ("how_found", "Local area scoping", "local_visit"),
    ("how_found", "Professional networks", "network"),
]


@pytest.mark.parametrize("vocabulary,spelling,value", STUDY_SPELLINGS)
def test_the_studys_spelling_is_accepted(vocabulary, spelling, value):
    assert VocabularyMatcher().match(vocabulary, spelling) == value


def test_every_value_of_every_vocabulary_has_a_definition():
    for enumeration in ENUMERATIONS:
        assert set(DEFINITIONS[enumeration.choices]) == set(enumeration.choices.values)
        for _value, _label, definition in enumeration.definitions():
            assert definition.strip().endswith("."), definition
    assert not SharedExperience.objects.filter(description="").exists()

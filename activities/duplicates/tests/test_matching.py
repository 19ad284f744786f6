"""The rule that says two names are one: known pairs found, known different ones not."""

import pytest

from activities.duplicates.matching import (
    THRESHOLD,
    block_key,
    names_close,
    organisations_close,
    similarity,
    words,
)

PAIRS = [
    ("Hearing Voices Group", "Hearing Voice Group"),  # a spelling variant
    ("Mums Coffee Morning", "Mums Cofee Morning"),
    ("Carers Centre", "Carers Center"),
    ("Recovery Cafe", "Recovery Café"),
    ("Peer Support Group (Leeds)", "Peer Support Group"),  # a place in brackets
    ("Walk & Talk", "Walk and Talk"),  # "&" against "and"
    ("The Talk Shop", "talk shop"),
    ("Men's Shed", "Mens Shed"),
    ("Group Art Therapy", "Art Therapy Group"),  # word order
]
NOT_PAIRS = [
    ("Men's Walking Group", "Women's Walking Group"),
    ("Leeds Walk and Talk", "Wakefield Walk and Talk"),  # one organisation's local groups
    ("Walk Group", "Talk Group"),
    ("Craft Club", "Draft Club"),
    ("Hearing Voices Group 2", "Hearing Voices Group 3"),
    ("Peer Support Group", "Peer Support"),
    ("Bereavement Group", "Bereavement Cafe"),
    ("Walk and Talk", ""),
]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_known_pairs_are_one_activity(a, b):
    assert names_close(a, b)
    assert names_close(b, a)
    assert similarity(words(a), words(b)) >= THRESHOLD
    assert block_key(words(a)) == block_key(words(b))  # so blocking never loses a pair


@pytest.mark.parametrize(("a", "b"), NOT_PAIRS)
def test_different_activities_are_not_matched(a, b):
    assert not names_close(a, b)
    assert not names_close(b, a)


def test_organisations_ignore_their_legal_form_and_punctuation():
    assert organisations_close("Leeds Mind Ltd.", "Leeds Mind")
    assert organisations_close("St Gemma's Hospice", "St Gemmas Hospice")
    assert organisations_close("Carers Leeds (CIO)", "Carers Leeds")
    assert organisations_close("", "")  # two informal groups: no organisation either side
    assert not organisations_close("Leeds Mind", "")
    assert not organisations_close("Leeds Mind", "Wakefield Mind")

"""The anonymiser's word lists: first names, surnames and local places (``fixtures/``, each
with its source and licence), and the words that are names and ordinary words at once.

A first name on the list is flagged in any case ("jane", "JANE"); one that is also an
ordinary word ("will", "may", "rose") only where it reads as a name (``name_context``).
"""

import json
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Names that are also everyday words: a name only where the context says so.
_ORDINARY = """
    will may june april august autumn summer rose grace mark bill billy bob bobby frank
    jack joy dawn hope faith holly ivy daisy lily amber ruby pearl olive iris hazel heather
    jade penny ray rob sue pat patsy guy sandy drew grant max miles nick chase carol don
    art dot jean glen gene sky wren violet poppy robin victor christian norman victoria
    rich ken nat ted teddy mike matt dale dean lee jay tom john mo jasper oscar rowan
    blessing bea val sal del di jo kay col les reg vic english welsh irish scottish
"""
ORDINARY_NAME_WORDS = frozenset(_ORDINARY.split())

# Ordinary-word names that are capitalised anyway as ordinary words (a month, a language,
# a faith): capitals alone say nothing, so they need a stronger context to be a name.
CAPITALISED_ANYWAY = frozenset(
    [
        "may",
        "june",
        "april",
        "august",
        "march",
        "english",
        "welsh",
        "irish",
        "scottish",
        "christian",
        "norman",
    ]
)


@cache
def _load(filename):
    names = json.loads((FIXTURES / filename).read_text(encoding="utf-8"))["names"]
    return frozenset(" ".join(n.lower().replace("’", "'").split()) for n in names)


def first_names():
    """First names, lower case (``fixtures/first_names.json``)."""
    return _load("first_names.json")


def surnames():
    """Surnames, lower case (``fixtures/surnames.json``)."""
    return _load("surnames.json")


def local_places():
    """The region's towns and districts and the cities around, lower case
    (``fixtures/local_places.json``)."""
    return _load("local_places.json")

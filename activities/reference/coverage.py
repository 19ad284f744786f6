"""What an activity serves: one place, several places, or the whole region.

The study's master sheet lists most activities under one of the six places,
some under several ("Leeds; Wakefield") and about a hundred as "WY&H wide
services". ``Coverage`` names the three kinds; ``Activity`` stores one of
them with the place (one place) or the places (several), and everything that
counts or lists activities asks one question of the model:

- ``activity.places_served()``: the places an activity serves (all six for the region);
- ``Activity.objects.serving(place)``: the activities serving a place, whatever their kind;
- ``serving_condition(place_ids)``: the same as a ``Q``, for conditional counts.

Identity (what makes two rows the same activity) is what it serves +
organisation + name: the place for a one-place activity, the set of places
(in any order) for a several-place one, "the region" for a region-wide one.
``places_key`` is the stored form of the last two (``"3,5"``, ``"region"``).

In a sheet's Place cell (or a sheet's name) the region is written as any
spelling of ``REGION_LABEL`` or an alias of the place vocabulary whose
canonical value is ``REGION``; several places are separated by ``;``, ``,``,
``/``, line breaks, "and" or "&" (``place_cell_parts`` splits them, keeping
"Bradford & Craven" whole).
"""

import re

from django.apps import apps
from django.db import models
from django.db.models import Q

from activities.vocabulary.spelling import value_key


class Coverage(models.TextChoices):
    PLACE = "place", "One place"
    PLACES = "places", "Several places"
    REGION = "region", "Region-wide (WY&H wide)"


# The canonical value and label of the region in the place vocabulary (aliases, sheets).
REGION = "region"
REGION_LABEL = "WY&H wide"
REGION_NAME = "West Yorkshire & Harrogate"
PLACES_SEPARATOR = "; "

COVERAGE_DEFINITIONS = {
    Coverage.PLACE: "Runs in, or is open to people from, one of the six places.",
    Coverage.PLACES: "Serves two or more of the six places, but not the whole region.",
    Coverage.REGION: (
        "Serves the whole of West Yorkshire & Harrogate (the study's “WY&H wide services”)."
    ),
}


def places_key(coverage, place_ids=()):
    """The stored identity of a several-place or region-wide activity ("" for one place)."""
    if coverage == Coverage.REGION:
        return REGION
    if coverage == Coverage.PLACES:
        return ",".join(str(pk) for pk in sorted({int(pk) for pk in place_ids}))
    return ""


def coverage_of(values):
    """(coverage, place values) from the canonical values a Place cell named.

    ``values`` are place slugs and/or ``REGION``; the region wins over places
    named beside it, one place is one place, more are several.
    """
    values = list(dict.fromkeys(values))
    if REGION in values:
        return Coverage.REGION, []
    if len(values) == 1:
        return Coverage.PLACE, values
    return Coverage.PLACES, sorted(values)


def serving_condition(place_ids, prefix=""):
    """A ``Q`` over activities (reached through ``prefix``) serving any of ``place_ids``."""
    # Looked up, not imported: the model module imports this one.
    links_model = apps.get_model("activities", "Activity").places.through
    place_ids = list(place_ids)
    links = links_model.objects.filter(place_id__in=place_ids).values("activity_id")
    return (
        Q(**{f"{prefix}place_id__in": place_ids})
        | Q(**{f"{prefix}coverage": Coverage.REGION})
        | Q(**{f"{prefix}pk__in": links})
    )


_LIST_SEPARATORS = re.compile(r"\s*(?:[;,/\n\r]|\s\+\s)\s*")
_JOINERS = re.compile(r"\s+(?:and|&)\s+|\s*&\s*", re.IGNORECASE)
MAX_PLACE_WORDS = 12


def place_cell_parts(text, is_known):
    """The spellings a Place cell names, or None when they cannot all be matched.

    ``is_known(spelling)`` says whether one spelling is a place (or the
    region). The whole cell is tried first, then its ``;``/``,``/``/`` parts;
    a part that is not known is split further at "and" / "&" in the one way
    whose pieces are all known ("Leeds and Bradford & Craven" -> "Leeds",
    "Bradford & Craven").
    """
    text = str(text or "").strip()
    if not value_key(text):
        return []
    if is_known(text):
        return [text]
    found = []
    for part in _LIST_SEPARATORS.split(text):
        if not value_key(part):
            continue
        if is_known(part):
            found.append(part)
            continue
        pieces = _split_joined(part, is_known)
        if pieces is None:
            return None
        found.extend(pieces)
    return found


def _split_joined(part, is_known):
    words = _JOINERS.split(part.strip())
    if len(words) < 2 or len(words) > MAX_PLACE_WORDS:
        return None
    joiners = _JOINERS.findall(part.strip())
    # Try every way of cutting at the joiners, fewest cuts first.
    best = None
    for mask in range(1, 2 ** (len(words) - 1)):
        pieces, current = [], words[0]
        for index, word in enumerate(words[1:]):
            if mask >> index & 1:
                pieces.append(current)
                current = word
            else:
                current = current + joiners[index] + word
        pieces.append(current)
        if all(is_known(piece) for piece in pieces) and (best is None or len(pieces) < len(best)):
            best = pieces
    return best

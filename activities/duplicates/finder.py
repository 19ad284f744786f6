"""Finding possible duplicates: activities in another place whose organisation and name
are close (``activities.duplicates.matching``) to one being saved, imported or accepted,
and every such pair a champion's places are part of.

Nothing compares every activity with every other. Organisations are grouped first (their
names are few: one per provider), then activities are put in blocks by their
organisation's group and the first letters of their name's words (``block_key``: two
names that match always share it), and only activities in one block serving different
places are compared. Each function runs a fixed number of queries, whatever the size
of the directory.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from activities.duplicates.matching import (
    block_key,
    close,
    organisation_words,
    similarity,
    words,
)
from activities.records.data_version import cached
from activities.records.models import Activity, Organisation
from activities.reference.coverage import REGION, Coverage, places_key

PAIRS_SHOWN = 200
_COLUMNS = ("pk", "organisation_id", "name", "coverage", "place_id", "places_key")


def serves_key(coverage, place_id, key):
    """What an activity serves, as one comparable value ("place:3", "3,5" or "region");
    ``key`` is a several-place or region-wide activity's stored ``places_key``."""
    return f"place:{place_id}" if coverage == Coverage.PLACE else key


def place_ids_served(serves, all_place_ids):
    """The place ids a ``serves_key`` stands for."""
    if serves == REGION:
        return set(all_place_ids)
    if serves.startswith("place:"):
        return {int(serves.removeprefix("place:"))}
    return {int(pk) for pk in serves.split(",") if pk}


@dataclass(frozen=True)
class Probe:
    """An activity to look for, saved or not: its name, organisation's name (blank for
    none), what it serves (``serves_key``) and its own id, if it has one."""

    name: str
    organisation: str
    serves: str
    pk: int | None = None


class _NameKeys(dict):
    """name -> (its words, their block); each distinct name worked out once."""

    def __missing__(self, name):
        found = words(name)
        self[name] = value = (found, (block_key(found), len(found)))
        return value


def _organisation_groups(organisations):
    """{organisation id: group id}: organisations whose names are close share a group."""
    by_block = defaultdict(list)
    for pk, name in organisations:
        found = organisation_words(name)
        if found:
            by_block[(block_key(found), len(found))].append((pk, found))
    group = {}
    for members in by_block.values():
        for index, (pk, found) in enumerate(members):
            if pk in group:
                continue
            group[pk] = pk
            for other_pk, other in members[index + 1 :]:
                if other_pk not in group and close(found, other):
                    group[other_pk] = pk
    return group


def _matching_organisation_ids(name, organisations):
    """The ids of the organisations whose names are close to ``name`` (blank: None)."""
    wanted = organisation_words(name)
    if not wanted:
        return {None}
    key = block_key(wanted)
    return {
        pk
        for pk, other in organisations
        if block_key(organisation_words(other)) == key and close(wanted, organisation_words(other))
    }


def possible_duplicates(probes):
    """{index of a probe: [Activity, ...]} for the ``probes`` with activities in another
    place whose organisation and name are close. Four queries, however many probes."""
    probes = list(probes)
    if not probes:
        return {}
    organisations = list(Organisation.objects.values_list("pk", "name"))
    organisation_ids = [_matching_organisation_ids(p.organisation, organisations) for p in probes]
    wanted = set().union(*organisation_ids)
    condition = Q(organisation_id__in=[pk for pk in wanted if pk is not None])
    if None in wanted:
        condition |= Q(organisation__isnull=True)
    rows = Activity.objects.filter(condition).order_by().values_list(*_COLUMNS)
    blocks, name_keys = defaultdict(list), _NameKeys()
    for pk, organisation_id, name, coverage, place_id, key in rows:
        found, block = name_keys[name]
        serves = serves_key(coverage, place_id, key)
        blocks[organisation_id, block].append((pk, serves, found))
    found, matched_ids = {}, set()
    for index, (probe, ids) in enumerate(zip(probes, organisation_ids, strict=True)):
        wanted, block = name_keys[probe.name]
        hits = [
            pk
            for organisation_id in ids
            for pk, serves, other in blocks.get((organisation_id, block), ())
            if pk != probe.pk and serves != probe.serves and close(wanted, other)
        ]
        if hits:
            found[index] = hits
            matched_ids.update(hits)
    if not found:
        return {}
    activities = Activity.objects.select_related("organisation", "place").prefetch_related("places")
    by_pk = activities.in_bulk(matched_ids)
    return {index: [by_pk[pk] for pk in hits if pk in by_pk] for index, hits in found.items()}


def probe_of(activity, places=None):
    """A saved (or about to be saved) activity as a ``Probe``."""
    if places is None and activity.coverage == Coverage.PLACES and activity.pk:
        places = [place.pk for place in activity.places.all()]
    if activity.coverage != Coverage.PLACE:
        key = places_key(activity.coverage, places or [])
    else:
        key = activity.places_key
    return Probe(
        name=activity.name,
        organisation=activity.organisation.name if activity.organisation_id else "",
        serves=serves_key(activity.coverage, activity.place_id, key),
        pk=activity.pk,
    )


def _all_pairs():
    """Every pair of possible duplicates in the directory: [(pk, pk, similarity)].

    Two queries; cached under the data version, so only the first reader after a write
    pays for it (at 100,000 activities, see docs/directory.md)."""
    group = _organisation_groups(Organisation.objects.values_list("pk", "name"))
    blocks, name_keys = defaultdict(lambda: defaultdict(list)), _NameKeys()
    rows = Activity.objects.order_by().values_list(*_COLUMNS)
    for pk, organisation_id, name, coverage, place_id, key in rows:
        found, block = name_keys[name]
        if not found:
            continue
        organisation = group.get(organisation_id, organisation_id)
        blocks[organisation, block][serves_key(coverage, place_id, key)].append((pk, found))
    pairs = []
    for by_serves in blocks.values():
        if len(by_serves) < 2:
            continue  # every activity of the block serves the same: none in another place
        groups = sorted(by_serves.items())
        for index, (serves, members) in enumerate(groups):
            for other_serves, others in groups[index + 1 :]:
                for pk, found in members:
                    for other_pk, other in others:
                        if close(found, other):
                            first, second = sorted(((pk, serves), (other_pk, other_serves)))
                            pairs.append((first, second, round(similarity(found, other))))
    return sorted(pairs)


def duplicate_pairs(place_ids, all_place_ids):
    """Pairs of possible duplicates where at least one serves a place in ``place_ids``
    (None: every place), as [(Activity, Activity, similarity)], at most ``PAIRS_SHOWN``;
    and how many there are in all."""
    wanted = set(all_place_ids if place_ids is None else place_ids)
    pairs = [
        (first[0], second[0], score)
        for first, second, score in cached("duplicate_pairs", (), _all_pairs)
        if place_ids_served(first[1], all_place_ids) & wanted
        or place_ids_served(second[1], all_place_ids) & wanted
    ]
    shown = pairs[:PAIRS_SHOWN]
    ids = {pk for first, second, _ in shown for pk in (first, second)}
    activities = Activity.objects.select_related("organisation", "place").prefetch_related("places")
    by_pk = activities.in_bulk(ids) if ids else {}
    listed = [
        (by_pk[first], by_pk[second], score)
        for first, second, score in shown
        if first in by_pk and second in by_pk
    ]
    return listed, len(pairs)

"""Stable UUIDs for every published record.

Activities, organisations, places and shared experiences keep a stored UUID
(``uuid``, made once and never changed). Records that exist only in the API are
named from those with UUID version 5, so they come out the same on every request
and after every re-import: a service's service areas, location, contact and
attributes, and the taxonomies and terms made from the fixed vocabularies. The
places and shared experiences the reference data creates get an id named from their
slug (``reference_id``), so fresh installs agree on them too.
"""

import uuid

# Fixed for ever: changing it would change every derived id a partner holds.
NAMESPACE = uuid.UUID("6f1d3a52-3c8e-5b0e-9a61-2f4b8d7c1e90")


def reference_id(kind, slug):
    """The published id a place or shared experience is CREATED with by the reference
    data loader (``services.reference_data_load``), from its slug: every fresh install
    (a second server, a restore into a new database) publishes the same service-area
    and taxonomy-term ids. Rows that exist already keep the id they have; partners may
    hold it. ``kind`` is "place" or "shared_experience"."""
    return uuid.uuid5(NAMESPACE, f"{kind}/{slug}")


def taxonomy_id(key):
    return uuid.uuid5(NAMESPACE, f"taxonomy/{key}")


def term_id(key, value):
    """A term of a fixed vocabulary, e.g. ("sector", "third_sector")."""
    return uuid.uuid5(NAMESPACE, f"taxonomy/{key}/{value}")


def part_id(owner, *parts):
    """A record that belongs to ``owner`` (a UUID), e.g. a service's location."""
    return uuid.uuid5(owner, "/".join(str(part) for part in parts))


def parse(text):
    """The UUID ``text`` spells, or None."""
    try:
        return uuid.UUID(str(text))
    except ValueError:
        return None


# A service's location and its service-at-location are looked up by their own ids,
# so those are the service's UUID with fixed bits flipped: as stable as a derived id,
# and turned back into the service's UUID without a table. The version and variant
# bits are left alone, so the result is still a well-formed version 4 UUID.
PAIR_MASKS = {
    "location": 0x5A3C9E1B7D2F04A0_0C8E6B1D3F5A7902,
    "service_at_location": 0x1E7B4C9A2D8F06E0_0A3D5F7C9E1B3D54,
}


def paired_id(service_uuid, kind):
    return uuid.UUID(int=service_uuid.int ^ PAIR_MASKS[kind])


def service_of(paired, kind):
    """The service UUID a ``paired_id`` of this kind was made from."""
    return uuid.UUID(int=paired.int ^ PAIR_MASKS[kind])

"""Checking API answers against the Open Referral UK profile, and a small known directory.

``oruk_schemas/`` holds JSON schemas written from the profile's own (the
OpenReferralUK/uk-profile repository's ``schema/*.json`` and ``schema/compiled/*.json``,
version 3.0): its field names, types, formats and required fields, closed to any
other field, so a misspelt or invented field fails. Nothing here needs the network.
"""

import datetime
import json
from pathlib import Path
from urllib.parse import urlparse

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from activities.tests.factories import make_activity, make_shared_activity
from activities.vocabulary.terms import DeliveryModel, FundingType, MainFocus, Sector, Status

SCHEMAS = Path(__file__).parent / "oruk_schemas"
REGISTRY = Registry().with_resources(
    (path.name, Resource.from_contents(json.loads(path.read_text())))
    for path in SCHEMAS.glob("*.json")
)
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value):
    if not isinstance(value, str):
        return True
    parsed = datetime.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("a date-time needs its offset")
    return True


@FORMATS.checks("uri", raises=ValueError)
def _uri(value):
    if not isinstance(value, str):
        return True
    parts = urlparse(value)
    if not (parts.scheme and parts.netloc):
        raise ValueError("not an absolute URI")
    return True


def problems(schema_name, data):
    """Every way ``data`` breaks the schema, as readable lines ([] when it conforms)."""
    validator = Draft202012Validator(
        REGISTRY.contents(schema_name), registry=REGISTRY, format_checker=FORMATS
    )
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(data)
    ]


def page_problems(item_schema, data):
    """A Page's problems, and each of its contents' against ``item_schema``."""
    found = problems("page.json", data)
    for index, item in enumerate(data.get("contents", [])):
        found += [f"contents/{index}/{line}" for line in problems(item_schema, item)]
    return found


def make_known_directory(*, shared=False):
    """Three activities with every kind of value the mapping handles; with ``shared``,
    one serving two places and one serving the whole region as well."""
    walk = make_activity(
        "Anxiety Walk",
        place="leeds",
        organisation="Leeds Mind",
        experiences=("anxiety", "general-mental-health"),
        sector=Sector.THIRD_SECTOR,
        main_focus=MainFocus.MENTAL_HEALTH,
        delivery_model=DeliveryModel.SUPPORT_GROUP,
        funding_type=FundingType.STATUTORY,
        status=Status.ACTIVE,
        venue="St Mary's Hall",
        website="https://leedsmind.example.org",
        contact="hello@leedsmind.example.org or 0113 496 0000",
        online=True,
        self_described_peer_support=True,
    )
    crafts = make_activity(
        "Bradford Crafts",
        place="bradford-craven",
        experiences=("loneliness-and-isolation",),
        sector=Sector.COMMUNITY,
        main_focus=MainFocus.NON_MENTAL_HEALTH,
        delivery_model=DeliveryModel.ACTIVITY_GROUP,
        funding_type=FundingType.UNFUNDED,
        status=Status.CLOSED,
        online=False,
    )
    forum = make_activity(
        "Calderdale Forum",
        place="calderdale",
        organisation="Calder Peers",
        experiences=("hearing-voices",),
        sector=Sector.NHS,
        delivery_model=DeliveryModel.ONLINE_FORUM,
        status=Status.UNKNOWN,
    )
    known = {"walk": walk, "crafts": crafts, "forum": forum}
    if shared:
        known["pair"] = make_shared_activity(
            "Two Towns Peer Group", places=("wakefield", "kirklees"), venue="Town Hall"
        )
        known["region"] = make_shared_activity("Region Hearing Voices", experiences=())
    return known

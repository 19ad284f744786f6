"""The master sheet's canonical layout, shared by the importer and every writer.

Columns are in the order of master-sheet.md; the vocabularies' headers come
from the registry in ``activities.vocabulary.terms``. Headers are matched
tolerantly (``spelling.header_key``), so each field also lists the other
headers master-sheet.md accepts for it.
"""

from activities.vocabulary.spelling import header_key
from activities.vocabulary.terms import ENUMERATION

HEADER_ROWS_SEARCHED = 10
SHARED_EXPERIENCE_SEPARATOR = "; "


def _enumerated(key):
    """An enumerated vocabulary's column: its header is the vocabulary's title."""
    return ENUMERATION[key].title, key


# (canonical header, the field it holds), in the sheet's order.
COLUMNS = [
    ("Project name / support type", "name"),
    ("Place", "place"),
    ("Organisation", "organisation"),
    _enumerated("sector"),
    _enumerated("main_focus"),
    ("Shared experience", "shared_experiences"),
    _enumerated("delivery_model"),
    _enumerated("funding_type"),
    ("Website", "website"),
    ("Contact", "contact"),
    ("Venue / area", "venue"),
    ("Online", "online"),
    ("Self-described peer support", "self_described_peer_support"),
    _enumerated("status"),
    ("Date scoped", "date_scoped"),
    ("Scoped by", "scoped_by_name"),
    ("Notes", "notes"),
    _enumerated("access"),
    ("Access details", "access_details"),
    _enumerated("how_found"),
    ("Network", "found_through_network"),
    _enumerated("delivered_by"),
    # The organisation's published id (``Organisation.uuid``, the API's organization id):
    # written by every export, optional on import, where it says which organisation a
    # row's Organisation is (see ``master_sheet.organisations``).
    ("Organisation id", "organisation_uuid"),
    # The activity's published id (``Activity.uuid``, its id in the API): written by
    # every export, optional on import, where it says which activity a row is.
    ("Published id", "uuid"),
]
HEADERS = [header for header, _ in COLUMNS]
# The empty template's hidden sheet of allowed values (``template``); the import skips it.
LISTS_SHEET = "Allowed values"
CANONICAL_HEADER = {name: header for header, name in COLUMNS}

# Also-accepted headers (master-sheet.md).
HEADER_ALIASES = {
    "name": ["Project name", "Activity", "Activity name", "Name"],
    "place": ["Region", "Area", "Locality"],
    "organisation": ["Organization", "Provider", "Delivered by"],
    "sector": ["Organisation type", "Organization type", "Provider type"],
    "main_focus": ["Focus"],
    "shared_experiences": ["Shared experiences", "Peer group"],
    "delivery_model": ["Delivery model", "Model of delivery"],
    "funding_type": ["Funding"],
    "website": ["Web", "URL"],
    "contact": ["Contact details"],
    "venue": ["Venue", "Location", "Where"],
    "online": ["Online?", "Digital"],
    "self_described_peer_support": ["Self described", "Calls itself peer support"],
    "status": ["Active?"],
    "date_scoped": ["Date found", "Date added", "Last checked"],
    "scoped_by_name": ["Champion", "Found by"],
    "notes": ["Comments"],
    "access": ["Access", "Who can access", "Who can go", "Eligibility", "Referral"],
    "access_details": ["Access notes", "Eligibility details"],
    "how_found": ["How found", "Found how", "Found via", "Source", "How identified"],
    "found_through_network": ["Which network", "Network name", "Found through network"],
    # "Delivered by" alone stays the organisation's (older sheets use it so).
    "delivered_by": [
        "Paid or volunteer",
        "Paid or volunteers",
        "Paid or voluntary",
        "Paid staff or volunteers",
        "Staff or volunteers",
        "Workforce",
        "Delivered by paid staff or volunteers",
    ],
    "uuid": ["ID", "UUID", "Activity id", "Service id"],
    # Not "Provider id" (the CQC's provider ids) nor a bare "ID" (the activity's).
    "organisation_uuid": [
        "Organization id",
        "Organisation uuid",
        "Organization uuid",
        "Organisation published id",
        "Organization published id",
    ],
}
HEADER_FIELDS = {
    header_key(spelling): name
    for header, name in COLUMNS
    for spelling in [header, *HEADER_ALIASES.get(name, [])]
}
REQUIRED = ["name", "sector", "main_focus", "shared_experiences", "delivery_model"]

# Fields compared with (and written to) an existing activity, besides its identity.
COMPARED = [
    "name",
    "sector",
    "main_focus",
    "delivery_model",
    "funding_type",
    "website",
    "contact",
    "venue",
    "online",
    "self_described_peer_support",
    "status",
    "date_scoped",
    "scoped_by_name",
    "notes",
    "access",
    "access_details",
    "how_found",
    "found_through_network",
    "delivered_by",
]

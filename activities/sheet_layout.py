"""The master sheet's canonical layout, shared by every writer and the importer.

Columns are in the order of master-sheet.md. ``activity_cells`` turns one
activity into the cell values an export writes (vocabulary as canonical
labels, shared experiences joined with "; "); text that a spreadsheet would
run as a formula is escaped with a leading apostrophe, which the importer
strips again (``unescape_formula``), so a round trip changes nothing.
"""

FORMULA_STARTS = ("=", "+", "-", "@")

# (canonical header, what it holds)
COLUMNS = [
    ("Project name / support type", "name"),
    ("Place", "place"),
    ("Organisation", "organisation"),
    ("Sector", "sector"),
    ("Main focus", "main_focus"),
    ("Shared experience", "shared_experiences"),
    ("Primary model of delivery", "delivery_model"),
    ("Funding type", "funding_type"),
    ("Website", "website"),
    ("Contact", "contact"),
    ("Venue / area", "venue"),
    ("Online", "online"),
    ("Self-described peer support", "self_described_peer_support"),
    ("Status", "status"),
    ("Date scoped", "date_scoped"),
    ("Scoped by", "scoped_by_name"),
    ("Notes", "notes"),
]
HEADERS = [header for header, _ in COLUMNS]
SHARED_EXPERIENCE_SEPARATOR = "; "


def escape_formula(value):
    """Text a spreadsheet would evaluate gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo ``escape_formula`` on a cell read back from a sheet."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def yes_no(value):
    return "" if value is None else ("Yes" if value else "No")


def activity_cells(activity, shared_experience_names):
    """One activity as export cells, in ``COLUMNS`` order.

    ``activity`` needs ``place`` and ``organisation`` loaded;
    ``shared_experience_names`` is the list of its shared experiences' names
    (passed in so callers can fetch them for many activities in one query).
    """
    values = {
        "name": activity.name,
        "place": activity.place.name,
        "organisation": activity.organisation.name if activity.organisation else "",
        "sector": activity.get_sector_display(),
        "main_focus": activity.get_main_focus_display(),
        "shared_experiences": SHARED_EXPERIENCE_SEPARATOR.join(sorted(shared_experience_names)),
        "delivery_model": activity.get_delivery_model_display(),
        "funding_type": activity.get_funding_type_display(),
        "website": activity.website,
        "contact": activity.contact,
        "venue": activity.venue,
        "online": yes_no(activity.online),
        "self_described_peer_support": yes_no(activity.self_described_peer_support),
        "status": activity.get_status_display(),
        "date_scoped": activity.date_scoped,
        "scoped_by_name": activity.scoped_by_name,
        "notes": activity.notes,
    }
    return [escape_formula(values[field]) for _, field in COLUMNS]

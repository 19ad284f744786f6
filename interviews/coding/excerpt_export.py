"""All coded excerpts as a workbook for report writing: never an identity."""

from itertools import chain

from interviews.models import Excerpt
from scoping.shared.spreadsheets import escape_formula, xlsx_bytes

HEADERS = ["Quote", "Themes", "Place", "Sector", "Role", "Paid or volunteer", "Participant code"]


def excerpt_cells(excerpt):
    participant = excerpt.interview.participant
    return [
        escape_formula(excerpt.quote),
        escape_formula("; ".join(sorted(t.name for t in excerpt.themes.all()))),
        participant.place.name,
        participant.get_sector_display(),
        participant.get_role_display(),
        "Paid" if participant.paid else "Volunteer",
        escape_formula(participant.code),
    ]


def excerpts_workbook():
    """One sheet, a row per excerpt: the bytes of the .xlsx file."""
    rows = (excerpt_cells(excerpt) for excerpt in Excerpt.objects.for_listing())
    return xlsx_bytes({"Excerpts": chain([HEADERS], rows)})

"""All coded excerpts as a workbook for report writing: never an identity."""

from itertools import chain

from interviews.models import Excerpt
from scoping.shared.spreadsheets import escape_formula, xlsx_bytes

HEADERS = [
    "Quote",
    "Themes",
    "Place",
    "Sector",
    "Role",
    "Paid or volunteer",
    "Participant code",
    "Research round",
]


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
        participant.round.name,
    ]


def excerpts_workbook(hidden=()):
    """One sheet, a row per excerpt of the final coding: the bytes of the .xlsx file.
    ``hidden``: interviews left out (those the reader is coding blind)."""
    excerpts = Excerpt.objects.exclude(interview__in=hidden).for_listing()
    rows = (excerpt_cells(excerpt) for excerpt in excerpts)
    return xlsx_bytes({"Excerpts": chain([HEADERS], rows)})

"""All coded excerpts as a workbook for report writing: never an identity."""

import io

from openpyxl import Workbook

from scoping.spreadsheets import escape_formula

from .models import Excerpt

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
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Excerpts"
    sheet.append(HEADERS)
    for excerpt in Excerpt.objects.for_listing():
        sheet.append(excerpt_cells(excerpt))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

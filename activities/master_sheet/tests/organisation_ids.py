"""The Organisation id tests' kit: a directory of a few organisations, rows carrying
Organisation and Published ids, and the export (renamed as a person would in Excel)."""

import io
import uuid

import openpyxl

from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import master_sheet_export
from activities.tests.factories import make_activity, make_shared_activity
from activities.tests.workbooks import CANONICAL, row, workbook_bytes

HEADERS = [*CANONICAL, "Organisation id", "Published id"]
UNKNOWN = uuid.UUID("9d2f4b1a-6c3e-4f8a-b7d5-1e0c2a4f6b83")


def organisations_make():
    """Mind runs two activities in Leeds; Peers one in two places; one is region-wide.

    Returns Mind (the ``mind`` fixture of the tests)."""
    walk = make_activity("Walk and Talk", organisation="Mind")
    make_activity("Book club", organisation="Mind")
    make_shared_activity("Two Towns Group", places=("wakefield", "kirklees"), organisation="Peers")
    make_shared_activity("Region Voices", experiences=("hearing-voices",))
    return walk.organisation


def with_ids(organisation_id, name, organisation="Mind", published_id=None, **kwargs):
    """A row in HEADERS order: ``organisation_id`` None or "" is a blank cell."""
    return [
        *row(name, organisation=organisation, **kwargs),
        "" if organisation_id is None else str(organisation_id),
        "" if published_id is None else str(published_id),
    ]


def imported(sheets, name="sheet.xlsx"):
    run, _plan = master_sheet_import(data=workbook_bytes(sheets), file_name=name)
    return run, run.report_lines()


def imported_bytes(data):
    run, _plan = master_sheet_import(data=data, file_name="restore.xlsx")
    return run, run.report_lines()


def exported(*, one_sheet=False):
    buffer = io.BytesIO()
    master_sheet_export(file=buffer, one_sheet=one_sheet)
    return buffer.getvalue()


def export_renaming(renames):
    """The export with ``renames`` ({organisation id: new name}) made in the Organisation
    cell of every row with that id, as a person would in Excel; as bytes."""
    workbook = openpyxl.load_workbook(io.BytesIO(exported()))
    for sheet in workbook.worksheets[1:]:  # the first is the disclaimer
        header, *rows = sheet.iter_rows()
        columns = [cell.value for cell in header]
        name, organisation_id = columns.index("Organisation"), columns.index("Organisation id")
        for cells in rows:
            new_name = renames.get(cells[organisation_id].value)
            if new_name is not None:
                cells[name].value = new_name
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Workbooks for the master-sheet tests, built in memory with openpyxl."""

import io

import openpyxl
from openpyxl.chart import BarChart, Reference

from activities.directory.disclaimer import DISCLAIMER, DISCLAIMER_SHEET

CANONICAL = [
    "Project name / support type",
    "Organisation",
    "Sector",
    "Main focus",
    "Shared experience",
    "Primary model of delivery",
    "Funding type",
    "Website",
    "Online",
    "Status",
    "Date scoped",
    "Notes",
]


def row(
    name,
    organisation="Mind",
    sector="Third Sector",
    focus="Mental health focused",
    experiences="Anxiety",
    model="Support group",
    funding="Grant",
    website="https://example.org",
    online="Yes",
    status="Active",
    date="01/02/2020",
    notes="",
):
    """One row in CANONICAL order."""
    return [
        name,
        organisation,
        sector,
        focus,
        experiences,
        model,
        funding,
        website,
        online,
        status,
        date,
        notes,
    ]


def workbook_bytes(sheets):
    """``sheets``: {title: list of rows (lists)}; a title starting "chart:" adds a chart tab."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        if title.startswith("chart:"):
            chart = BarChart()
            chart.add_data(Reference(workbook.worksheets[0], min_col=1, min_row=1, max_row=2))
            workbook.create_chartsheet(title.removeprefix("chart:")).add_chart(chart)
            continue
        sheet = workbook.create_sheet(title)
        for values in rows:
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write(tmp_path, sheets, name="master.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook_bytes(sheets))
    return path


def read_sheets(data):
    """{title: list of row tuples} of a workbook's bytes, but the disclaimer sheet.

    An export's first sheet is always the study's disclaimer (checked here);
    tests of the disclaimer itself read it with openpyxl.
    """
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}
    if DISCLAIMER_SHEET in sheets:
        assert workbook.sheetnames[0] == DISCLAIMER_SHEET
        assert sheets.pop(DISCLAIMER_SHEET) == [[DISCLAIMER]]
    return sheets

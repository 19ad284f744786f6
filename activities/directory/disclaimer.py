"""The study's disclaimer, which travels with every export of the directory's data.

The wording is the study's own (scoping-report.txt, under "Scoping methodology").
Workbooks carry it as a first sheet named ``DISCLAIMER_SHEET``, which the
master-sheet importer skips. The directory's CSV starts with its header row (so Excel
and pandas read the columns) and the page says the disclaimer beside its download
link; a CSV that starts with the disclaimer as a line of one cell (older exports, the
report tables) still imports, the line skipped like any title row above the header row.
"""

DISCLAIMER = (
    "Disclaimer: The information collated in these spreadsheets is representative of the "
    "peer support that was visible at the time of scoping activity. The status of these "
    "activities at the time of writing the report is not known in full. This data is "
    "unlikely to be an exhaustive list of all the peer support activity in the region. This "
    "data should be read as a general overview rather than a factual database and should "
    "not be used for signposting purposes."
)
DISCLAIMER_SHEET = "Disclaimer"


def disclaimer_rows():
    """The rows a disclaimer sheet holds, or a CSV file starts with (one cell each)."""
    return [[DISCLAIMER]]


def disclaimer_sheet_add(workbook, *, index=None):
    """Add the disclaimer as the workbook's first sheet (openpyxl; write-only or not).

    A write-only workbook has no index to insert at, so call this before any other sheet.
    """
    if index is None:
        sheet = workbook.create_sheet(DISCLAIMER_SHEET)
    else:
        sheet = workbook.create_sheet(DISCLAIMER_SHEET, index)
    for row in disclaimer_rows():
        sheet.append(row)
    if not getattr(workbook, "write_only", False):
        sheet.column_dimensions["A"].width = 120
    return sheet


def is_disclaimer(sheet_name, first_cell):
    """Whether a sheet read back is an export's disclaimer sheet."""
    return sheet_name == DISCLAIMER_SHEET and str(first_cell or "").startswith("Disclaimer:")

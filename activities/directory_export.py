"""The directory's current results as a file in the master sheet's layout.

Columns and cell values come from ``sheet_layout`` (so the file can be
imported again); shared experiences for all rows are read in one query.
"""

import csv
import io

from openpyxl import Workbook

from .sheet_layout import HEADERS, activity_cells

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Activities"


def export_rows(queryset):
    """Yield the header row, then one row of cells per activity, in the queryset's order."""
    names = queryset.shared_experience_names()
    yield HEADERS
    for activity in queryset.select_related("place", "organisation").iterator(chunk_size=2000):
        yield activity_cells(activity, names.get(activity.pk, []))


class _Echo:
    def write(self, value):
        return value


def csv_lines(queryset):
    """The export as CSV text, line by line (UTF-8 with a byte-order mark, for Excel)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in export_rows(queryset):
        yield writer.writerow(["" if cell is None else cell for cell in row])


def xlsx_bytes(queryset):
    """The export as an .xlsx workbook with one sheet holding a Place column."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for row in export_rows(queryset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

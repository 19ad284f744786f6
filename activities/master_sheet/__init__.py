"""The master sheet: the study's spreadsheet, read into the directory and written back.

- ``layout``: the columns, their headers and the also-accepted headers.
- ``cells``: reading one cell into a field's value (and yes/no back out).
- ``files``: opening an upload safely (size limit, zip bombs, read-only).
- ``readers``: .xlsx, .ods and .csv read into the same rows, within row and column caps.
- ``plan``: a workbook in, a plan out: per row new, updated, unchanged or its errors.
- ``organisations``: which organisation a row names (its Organisation id, else its
  name), and the renames and new organisations that makes.
- ``apply``: the plan written all or nothing, and the import run recorded.
- ``export``: activities out in the same layout (master sheet, directory CSV/XLSX).
"""

from activities.master_sheet.apply import StalePlan, master_sheet_import, plan_apply, runs_prune
from activities.master_sheet.export import directory_csv, directory_xlsx, master_sheet_export
from activities.master_sheet.files import (
    UnreadableWorkbook,
    max_upload_bytes,
    size_text,
    spreadsheet_check,
    spreadsheet_open,
    upload_size_check,
    workbook_check,
    workbook_open,
)
from activities.master_sheet.layout import COLUMNS, HEADERS
from activities.master_sheet.plan import Plan, master_sheet_plan

__all__ = [
    "COLUMNS",
    "HEADERS",
    "Plan",
    "StalePlan",
    "UnreadableWorkbook",
    "directory_csv",
    "directory_xlsx",
    "master_sheet_export",
    "master_sheet_import",
    "master_sheet_plan",
    "max_upload_bytes",
    "plan_apply",
    "runs_prune",
    "size_text",
    "spreadsheet_check",
    "spreadsheet_open",
    "upload_size_check",
    "workbook_check",
    "workbook_open",
]

"""The master sheet: the study's spreadsheet, read into the directory and written back.

- ``layout``: the columns, their headers and the also-accepted headers.
- ``cells``: reading one cell into a field's value (and yes/no back out).
- ``files``: opening an upload safely (size limit, zip bombs, read-only).
- ``readers``: .xlsx, .ods and .csv read into the same rows, within row and column caps.
- ``plan``: a workbook in, a plan out: per row new, updated, unchanged or its errors;
  its parts are ``plan_parts``, its steps ``sheet_rows`` (a sheet into rows), ``lookups``
  (what rows are compared with), ``identities`` (which activity a row is) and ``changes``.
- ``organisations``: which organisation a row names (its Organisation id, else its
  name), and the renames and new organisations that makes.
- ``apply``: the plan written all or nothing, and the import run recorded.
- ``export``: activities out in the same layout (master sheet, directory CSV/XLSX).
- ``models``: the import runs and what each row of a run did.
- ``admin``: the admin's screens: upload, preview, confirm, export, the run log;
  ``admin_export``: the export download and the activity list's export action.

Import from the module that holds a name: this package re-exports nothing, so
that loading the models (``activities.models`` imports ``master_sheet.models``)
does not load the importer.
"""

"""The master-sheet importer's core: workbook in, plan out (nothing is written here).

``master_sheet_plan`` reads every sheet (``readers``: .xlsx, .ods, .csv), finds each
sheet's header row, reads the rows with the vocabulary matcher and decides per
row: new, updated (with the changed fields), unchanged, or its errors. A row is the
activity with its published id, else (no id) the one with its place, organisation and
name (``identities.row_match``, then ``identities.rows_settle`` for renames and moves
by id). The command and the admin both call it and then ``apply.plan_apply``.
Lookups (places, taxonomy, aliases, organisations, existing activities) are
fetched once per plan (``lookups``): a handful of queries whatever the number of rows.

The steps, in the order this module calls them: ``sheet_rows`` (a sheet read into
planned rows), ``organisations`` (which organisation each row names),
``identities`` (which activity each row is), ``changes`` (what it changes). What a
plan is made of (the plan, its rows, the errors) is ``plan_parts``.

django-import-export (installed for other screens) is not used here: it reads
only the active sheet, matches headers literally, has no notion of a header
row below title rows or of "the sheet name is the place", and saves row by
row; feeding it normalised rows would leave it nothing to do but the writes,
which must be bulk, versioned and all-or-nothing across sheets anyway.
"""

from activities.master_sheet.changes import row_compare
from activities.master_sheet.identities import row_match, rows_identify, rows_settle
from activities.master_sheet.lookups import Lookups
from activities.master_sheet.organisations import organisations_resolve
from activities.master_sheet.plan_parts import Plan, Problem, problem_adder
from activities.master_sheet.readers import Book, XlsxBook
from activities.master_sheet.sheet_rows import sheet_plan


def master_sheet_plan(book, progress=None):
    """Read an open ``readers.Book`` (or openpyxl workbook) into a ``Plan``; writes nothing.

    A sheet past the caps on rows or columns (``readers.capped``) ends the
    reading: its message is the plan's error and no further sheet is read.
    """
    if not isinstance(book, Book):
        book = XlsxBook(book)
    lookups = Lookups()
    plan = Plan(progress=progress)
    plan.report(0, total=book.rows_estimate(), message="Reading the sheet")
    seen = {"id": {}}
    for sheet in book.sheets():
        if sheet.chart:
            plan.skipped.append((sheet.name, "a chart, not a table"))
            continue
        if not sheet.refused:
            sheet_plan(plan, lookups, sheet, seen)
        if sheet.refused:
            plan.sheet_problems.append(Problem(sheet.name, 0, "", "", sheet.refused))
            break
        if plan.stopped:
            break
    plan.report(len(plan.rows), total=len(plan.rows), message="Comparing rows with the directory")
    organisations_resolve(
        [row for row in plan.rows if not row.problems], lookups, plan, problem_adder(plan)
    )
    rows_identify(plan, lookups)
    readable = [row for row in plan.rows if not row.problems]
    for row in readable:
        row_match(row, lookups)
    rows_settle(readable, lookups, plan)
    for row in plan.rows:
        if not row.problems:
            row_compare(row, lookups, plan)
    for summary in plan.sheets:
        summary.errors = sum(1 for r in plan.rows if r.sheet == summary.name and r.problems)
    plan.mapped = dict(lookups.mapped)
    return plan

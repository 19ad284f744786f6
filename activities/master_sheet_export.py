"""Writing the directory back out in the master sheet's canonical layout.

One sheet per place (named after it) by default, or one "Activities" sheet;
every sheet has the canonical headers, Place column included, so the file
imports back unchanged. Cells are built by ``sheet_layout.activity_cells``,
which escapes text a spreadsheet would run as a formula. Three queries,
whatever the number of activities; the workbook is written streaming
(openpyxl write-only).
"""

import re
from collections import defaultdict

import openpyxl

from .models import Activity
from .sheet_layout import HEADERS, activity_cells

ONE_SHEET_TITLE = "Activities"
_NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name):
    """Excel refuses some characters in sheet names and more than 31 of them."""
    return _NOT_IN_SHEET_TITLES.sub(" ", name)[:31].strip() or "Sheet"


def master_sheet_export(*, file, one_sheet=False, activities=None):
    """Write the workbook to ``file`` (a binary file object); return the activity count.

    ``activities`` narrows the export (an ``Activity`` queryset); all by default.
    """
    queryset = activities if activities is not None else Activity.objects.all()
    queryset = queryset.select_related("place", "organisation").order_by(
        "place__name", "name", "pk"
    )
    names = defaultdict(list)
    through = Activity.shared_experiences.through.objects.filter(activity__in=queryset.values("pk"))
    for activity_id, name in through.values_list("activity_id", "sharedexperience__name"):
        names[activity_id].append(name)
    workbook = openpyxl.Workbook(write_only=True)
    sheets = {}
    count = 0
    for activity in queryset.iterator(chunk_size=2000):
        title = ONE_SHEET_TITLE if one_sheet else sheet_title(activity.place.name)
        sheet = sheets.get(title)
        if sheet is None:
            sheet = sheets[title] = workbook.create_sheet(title)
            sheet.append(HEADERS)
        sheet.append(activity_cells(activity, names.get(activity.pk, [])))
        count += 1
    if not sheets:
        workbook.create_sheet(ONE_SHEET_TITLE).append(HEADERS)
    workbook.save(file)
    return count

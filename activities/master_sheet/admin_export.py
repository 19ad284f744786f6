"""The master sheet downloaded from the admin: the export response, and the activity
list's "export selected" action (``records.admin`` offers it). Nothing is registered here."""

import datetime

from django.contrib import admin

from activities.master_sheet.export import master_sheet_export
from scoping.shared.spreadsheets import download


def export_response(activities=None, *, one_sheet=False):
    stamp = datetime.date.today().isoformat()
    response = download(b"", f"master-sheet-{stamp}.xlsx")
    master_sheet_export(file=response, one_sheet=one_sheet, activities=activities)
    return response


@admin.action(
    description="Export selected activities as a master sheet (.xlsx)", permissions=["view"]
)
def export_selected_as_master_sheet(modeladmin, request, queryset):
    return export_response(queryset)

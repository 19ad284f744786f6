"""Import and export in the admin for the simple tables (places, aliases, organisations).

django-import-export's two steps (upload and preview, then confirm) with the
resources of ``activities.reference.resources``. What is set here rather than left to
the library's defaults:

- Permissions are the admin's own: importing needs the model's add *and*
  change permissions (an import may do either), exporting needs view (or
  change, which the admin counts as view).
- All or nothing: the confirm step rolls back on any bad row, not only on
  unexpected errors, and then shows the rows instead of "Import finished".
- The confirm step only reads a file that this session uploaded; a forged,
  expired or repeated confirmation is sent back to the upload form.
- Uploads larger than ``MASTER_SHEET_MAX_UPLOAD_BYTES`` are refused, and a
  workbook is checked as the master sheet's are (zip bombs) before it is read.
- Exports have every column (no field picker), so an export can be imported
  back unchanged, and the pages keep to the site's Content-Security-Policy.
"""

import os

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from tablib import InvalidDimensions

from activities.master_sheet.files import UnreadableWorkbook, upload_size_check, workbook_check

SESSION_KEY = "table_import_files"


class TableImportForm(ImportForm):
    """The library's upload form, with the app's size limit and workbook checks."""

    def __init__(self, formats, resources, **kwargs):
        self.formats = formats
        super().__init__(formats, resources, **kwargs)

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            upload_size_check(upload.size)
        except UnreadableWorkbook as error:
            raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, chosen = cleaned.get("import_file"), cleaned.get("format")
        if not upload or chosen in (None, ""):
            return cleaned
        if self.formats[int(chosen)]().get_title() != "xlsx":
            return cleaned
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        if not data.startswith(b"PK"):
            self.add_error(
                "import_file",
                "This is not an Excel workbook (.xlsx). For a .csv file choose the "
                "CSV format; a sheet in another format must be saved as .xlsx or CSV.",
            )
            return cleaned
        try:
            workbook_check(data)
        except UnreadableWorkbook as error:
            self.add_error("import_file", str(error))
        return cleaned


class TableImportExportMixin(ImportExportMixin):
    """Import (preview, confirm) and export of one simple table in the admin."""

    import_template_name = "admin/activities/table_import.html"
    import_form_class = TableImportForm
    export_form_class = ExportForm
    to_encoding = "utf-8-sig"  # a byte-order mark, so Excel reads the CSV as UTF-8

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
        """Say what is wrong with a file that cannot be read, in terms a person can act on."""
        if isinstance(e, UnicodeDecodeError):
            message = (
                "This file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma "
                "delimited)”, or upload the .xlsx workbook and choose the xlsx format."
            )
        elif isinstance(e, InvalidDimensions):
            message = (
                "Some rows have more cells than the header row. A cell holding a comma "
                "must be in double quotes; saving the CSV from a spreadsheet does that."
            )
        else:
            message = (
                "The file could not be read. Make sure the format chosen matches the file "
                "(CSV for .csv, xlsx for an Excel workbook)."
            )
        form.add_error("import_file", message)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            pending = request.session.get(SESSION_KEY, [])[-9:]
            pending.append(os.path.basename(initial["import_file_name"]))
            request.session[SESSION_KEY] = pending
        return initial

    def process_import(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            name = os.path.basename(request.POST.get("import_file_name", ""))
            pending = request.session.get(SESSION_KEY, [])
            if not name or name not in pending:
                return self._upload_again(request)
            request.session[SESSION_KEY] = [other for other in pending if other != name]
            try:
                return super().process_import(request, **kwargs)
            except (FileNotFoundError, ValueError, IndexError):
                return self._upload_again(request)
        return super().process_import(request, **kwargs)

    def _upload_again(self, request):
        messages.error(
            request,
            "That preview has expired or was already confirmed, so nothing was imported. "
            "Upload the file again.",
        )
        info = self.get_model_info()
        return HttpResponseRedirect(reverse(f"admin:{info[0]}_{info[1]}_import"))

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        # The data changed between the preview and the confirmation; all was rolled back.
        if not self.has_import_permission(request):
            raise PermissionDenied
        messages.error(
            request,
            "Nothing was imported: since the preview, the data changed so that some rows "
            "are no longer valid. Put them right and upload the file again.",
        )
        resource_classes = self.get_import_resource_classes(request)
        resource = resource_classes[0](**self.get_import_resource_kwargs(request))
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": "Import",
            "form": self.get_import_form_class(request)(
                self.get_import_formats(), resource_classes
            ),
            "opts": self.model._meta,
            "media": self.media,
            "result": result,
            "fields_list": [
                (
                    resource.get_display_name(),
                    [f.column_name for f in resource.get_user_visible_fields()],
                )
            ],
            "import_error_display": self.import_error_display,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

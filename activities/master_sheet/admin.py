"""The admin's master-sheet screens: upload, preview, confirm, export, and the run log.

Champions (add and change activity permissions) upload a workbook and see a
dry run: counts per sheet, the new and changed rows with the changed fields,
and every error. The preview and the import run as jobs in a worker
(``master_sheet/jobs.py``): the upload and the confirm answer at once with the job's
page, which shows the rows read and written and ends with a link here. The preview keeps the workbook and the version of every
activity it matched; confirming re-plans the same file and refuses if any of
those activities changed, or a row it called new now exists. The run log
(``ImportRun`` with its row results) is read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from activities.duplicates.flags import import_rows_duplicates, links_to
from activities.master_sheet.admin_export import export_response
from activities.master_sheet.changes import NEW_ROWS_DESCRIBED
from activities.master_sheet.files import (
    UnreadableWorkbook,
    max_upload_bytes,
    size_text,
    spreadsheet_check,
    upload_size_check,
)
from activities.master_sheet.jobs import import_start, preview_start
from activities.master_sheet.template import template_write
from activities.models import Activity, ImportRowResult, ImportRun
from scoping.jobs.models import Job
from scoping.shared.spreadsheets import download

IMPORT_PERMISSIONS = ["activities.add_activity", "activities.change_activity"]
PREVIEW_ROWS_SHOWN = NEW_ROWS_DESCRIBED  # the new rows whose values the plan describes
Result = ImportRowResult.Result


def can_import(user):
    return user.is_active and user.is_staff and user.has_perms(IMPORT_PERMISSIONS)


def job_followed(request, job, *, fallback, say=True):
    """The job's page; or, when it has already finished (a quick sheet, or the tests'
    immediate backend), straight to its result with its message."""
    job.refresh_from_db(fields=["state", "message", "result_url"])
    if job.state == Job.State.DONE and job.result_url:
        if say:
            messages.success(request, job.message)
        return redirect(job.result_url)
    if job.state == Job.State.FAILED:
        messages.error(request, job.message)
        return redirect(job.result_url or fallback)
    return redirect(job)


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label="Master sheet (.xlsx, .ods or .csv)",
        help_text=(
            "An Excel or LibreOffice workbook with one sheet per place or a Place column, "
            "or a CSV file (comma or semicolon; UTF-8 or Windows-1252) with a Place column."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.ods,.csv"}),
        error_messages={
            "required": "Choose the master sheet (.xlsx, .ods or .csv) to import.",
            "empty": "The file is empty.",
        },
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        try:
            upload_size_check(upload.size)
            data = upload.read()
            spreadsheet_check(data, upload.name)
        except UnreadableWorkbook as error:
            raise forms.ValidationError(str(error)) from None
        self.data_bytes = data
        return upload


class NoWrites:
    """For an admin or inline that only shows records: nothing is added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImportRowResultInline(NoWrites, admin.TabularInline):
    """The run's errors and changes (unchanged rows are in the row results list)."""

    model = ImportRowResult
    fields = ["sheet", "row", "result", "name", "message"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "rows with errors or changes (first 100)"

    def get_queryset(self, request):
        queryset = super().get_queryset(request).exclude(result=Result.UNCHANGED)
        ids = list(queryset.values_list("pk", flat=True)[:100])
        return super().get_queryset(request).filter(pk__in=ids)


class ReadOnlyForImporters(NoWrites):
    """View-only admin that champions (who can import) may open too."""

    def has_view_permission(self, request, obj=None):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or can_import(
            request.user
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyForImporters, admin.ModelAdmin):
    list_display = [
        "started",
        "file_name",
        "source",
        "outcome",
        "rows_read",
        "new",
        "updated",
        "unchanged",
        "errors",
    ]
    list_filter = ["outcome", "source"]
    date_hierarchy = "started"
    show_full_result_count = False
    fields = [
        "file_name",
        "source",
        "imported_by",
        "outcome",
        "started",
        "finished",
        ("rows_read", "new", "updated", "unchanged", "errors"),
        "summary",
        "problem_list",
        "row_results",
    ]
    readonly_fields = [*fields[:6], "rows_read", "new", "updated", "unchanged", "errors"]
    readonly_fields += ["summary", "problem_list", "row_results"]
    inlines = [ImportRowResultInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("upload", "kept_rows", "summary", "problems")

    @admin.display(description="Errors")
    def problem_list(self, run):
        if not run.problems:
            return "None"
        return format_html_join("\n", "<div>{}</div>", ((message,) for message in run.problems))

    @admin.display(description="Row results")
    def row_results(self, run):
        url = reverse("admin:activities_importrowresult_changelist")
        return format_html('<a href="{}?run__id__exact={}">Every row of this run</a>', url, run.pk)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="activities_importrun_upload"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="activities_importrun_preview"),
            path("<int:pk>/confirm/", wrap(self.confirm_view), name="activities_importrun_confirm"),
            path("export/", wrap(self.export_view), name="activities_importrun_export"),
            path("template/", wrap(self.template_view), name="activities_importrun_template"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": can_import(request.user),
            "can_export": request.user.has_perm("activities.view_activity"),
        }
        return super().changelist_view(request, extra_context)

    def _context(self, request, title, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **context,
        }

    def upload_view(self, request):
        if not can_import(request.user):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = preview_start(
                data=form.data_bytes,
                file_name=form.cleaned_data["workbook"].name,
                user=request.user,
            )
            job.refresh_from_db(fields=["state", "message", "result_url"])
            if job.state != Job.State.FAILED:
                return job_followed(request, job, fallback=request.path, say=False)
            form.add_error("workbook", job.message)
        context = self._context(
            request,
            "Import a master sheet",
            form=form,
            limit=size_text(max_upload_bytes()),
        )
        return TemplateResponse(request, "admin/activities/importrun/upload.html", context)

    def _own_run(self, request, pk):
        if not can_import(request.user):
            raise PermissionDenied
        run = get_object_or_404(
            ImportRun.objects.defer("upload", "kept_rows"), pk=pk, source=ImportRun.Source.ADMIN
        )
        if run.imported_by_id != request.user.pk and not request.user.is_superuser:
            raise PermissionDenied
        return run

    def preview_view(self, request, pk):
        run = self._own_run(request, pk)
        changed = run.rows.filter(result__in=[Result.NEW, Result.UPDATED]).order_by("sheet", "row")
        changed = list(changed[:PREVIEW_ROWS_SHOWN])
        duplicates = import_rows_duplicates(changed)  # activities/duplicates/
        for row in changed:
            row.possible_duplicates = links_to(duplicates[row.pk]) if row.pk in duplicates else ""
        pending = ImportRun.objects.filter(pk=run.pk, upload__isnull=False).exists()
        context = self._context(
            request,
            f"Preview of {run.file_name}",
            run=run,
            changed=changed,
            changed_count=run.new + run.updated,
            shown=PREVIEW_ROWS_SHOWN,
            summary=run.summary.splitlines(),
            errors=run.problems,
            can_confirm=run.outcome == ImportRun.Outcome.DRY_RUN and pending,
        )
        return TemplateResponse(request, "admin/activities/importrun/preview.html", context)

    def confirm_view(self, request, pk):
        return require_POST(self._confirm)(request, pk)

    def _confirm(self, request, pk):
        run = self._own_run(request, pk)
        pending = ImportRun.objects.filter(
            pk=run.pk, outcome=ImportRun.Outcome.DRY_RUN, upload__isnull=False
        ).exists()
        if not pending:
            messages.error(
                request, "This preview was already imported or has expired; upload the sheet again."
            )
            return redirect("admin:activities_importrun_upload")
        job = import_start(preview=run, user=request.user)
        return job_followed(request, job, fallback=reverse("admin:activities_importrun_upload"))

    def template_view(self, request):
        """An empty master sheet to fill in (``template``): whoever may import may have it."""
        if not can_import(request.user):
            raise PermissionDenied
        response = download(b"", "master-sheet-template.xlsx")
        template_write(response)
        return response

    def export_view(self, request):
        if not request.user.has_perm("activities.view_activity"):
            raise PermissionDenied
        return export_response(Activity.objects.all(), one_sheet="one_sheet" in request.GET)


@admin.register(ImportRowResult)
class ImportRowResultAdmin(ReadOnlyForImporters, admin.ModelAdmin):
    list_display = ["sheet", "row", "result", "name", "message"]
    list_filter = ["result", "run__outcome"]
    search_fields = ["name", "sheet"]
    list_select_related = ["run"]
    show_full_result_count = False
    list_per_page = 100
    fields = ["run", "sheet", "row", "result", "activity", "activity_version", "name"]
    fields += ["serves", "identified_by", "changes", "message"]
    readonly_fields = fields

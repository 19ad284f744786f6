"""The admin for snapshots: listed and read there (with each area's figures), never added
through a form. A superuser takes one with "Take a snapshot now", which runs as a job
(``reports/snapshots/jobs.py``) and lands on its progress; or ``manage.py snapshot_take``."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse

from reports.snapshots import jobs
from reports.snapshots.models import Snapshot, SnapshotArea
from reports.snapshots.store import SnapshotError, snapshot_name_check
from scoping.jobs.views import job_start_once


class SnapshotAreaInline(admin.TabularInline):
    model = SnapshotArea
    fields = ["name", "total", "population", "population_source", "breakdowns", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SnapshotTakeForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        help_text="How the report pages' “change since” list names it, e.g. “Re-scoping 2027”.",
        error_messages={"required": "Give the snapshot a name."},
    )
    label = forms.CharField(
        max_length=200,
        required=False,
        help_text="How a sentence names it, e.g. “the 2027 re-scoping”; the name if empty.",
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything a reader should know about when and why it was taken.",
    )

    def clean_name(self):
        try:
            name, _slug = snapshot_name_check(self.cleaned_data["name"])
        except SnapshotError as error:
            raise forms.ValidationError(str(error)) from None
        return name


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are listed and read here; superusers take one with "Take a snapshot now"."""

    list_display = ["name", "as_at", "source"]
    fields = ["name", "slug", "label", "as_at", "source", "note"]
    readonly_fields = ["as_at", "source"]
    inlines = [SnapshotAreaInline]
    change_list_template = "admin/reports/snapshot/change_list.html"

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        take = self.admin_site.admin_view(self.take_view)
        return [path("take/", take, name="reports_snapshot_take"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        can_take = request.user.has_perm(jobs.PERMISSION)
        return super().changelist_view(request, {**(extra_context or {}), "can_take": can_take})

    def take_view(self, request):
        if not request.user.has_perm(jobs.PERMISSION):
            raise PermissionDenied
        form = SnapshotTakeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            return job_start_once(
                request,
                kind=jobs.KIND,
                start=lambda: jobs.snapshot_start(user=request.user, **data),
                fallback=reverse("admin:reports_snapshot_changelist"),
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Take a snapshot of the report figures",
            "form": form,
        }
        return TemplateResponse(request, "admin/reports/snapshot/take.html", context)

"""Every job for staff (superusers): who asked, state, progress and, for a job that
raised, its traceback. Read-only: jobs are started from the pages that need them."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from scoping.jobs.models import Job, WorkerHeartbeat

# The queue's own rows are machinery: the job (with its task id) says what staff need.
admin.site.unregister(DBTaskResult)


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "kind", "state", "created", "started", "finished", "done", "total"]
    list_filter = ["state", "kind"]
    date_hierarchy = "created"
    show_full_result_count = False
    fields = [
        "kind", "title", "owner", "state", "created", "started", "finished",
        ("done", "total", "unit"), "message", "error_detail", "result_url", "params",
        "task_id", "worker_id", "cancel_requested",
    ]  # fmt: skip
    readonly_fields = [
        name for entry in fields for name in (entry if isinstance(entry, tuple) else [entry])
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("input")


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["worker_id", "host", "pid", "started", "seen"]

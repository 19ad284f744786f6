"""Database backups in the admin, for superusers only: the backups started here (as jobs,
``scoping/serving/backup_jobs.py``) and "Back up the database now", which lands on the
new job's progress. The files stay in the backup folder; none is downloadable here."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from scoping.jobs.views import job_start_once
from scoping.serving.backup_jobs import backup_start
from scoping.serving.models import BACKUP_KIND, DatabaseBackup


def may_back_up(user):
    return user.is_active and user.is_superuser


@admin.register(DatabaseBackup)
class DatabaseBackupAdmin(admin.ModelAdmin):
    list_display = ["created", "state", "finished", "message"]
    fields = ["title", "state", "created", "started", "finished", "message", "error_detail"]
    readonly_fields = fields
    show_full_result_count = False
    change_list_template = "admin/scoping/databasebackup/change_list.html"

    def has_module_permission(self, request):
        return may_back_up(request.user)

    def has_view_permission(self, request, obj=None):
        return may_back_up(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        start = self.admin_site.admin_view(require_POST(self.start_view))
        return [path("start/", start, name="scoping_databasebackup_start"), *super().get_urls()]

    def start_view(self, request):
        if not may_back_up(request.user):
            raise PermissionDenied
        return job_start_once(
            request,
            kind=BACKUP_KIND,
            start=lambda: backup_start(user=request.user),
            fallback=reverse("admin:scoping_databasebackup_changelist"),
        )

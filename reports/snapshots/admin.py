"""The admin for snapshots: listed and read there (with each area's figures), never added;
they are taken with ``manage.py snapshot_take``."""

from django.contrib import admin

from reports.snapshots.models import Snapshot, SnapshotArea


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


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are listed and read here; they are taken with ``manage.py snapshot_take``."""

    list_display = ["name", "as_at", "source"]
    fields = ["name", "slug", "label", "as_at", "source", "note"]
    readonly_fields = ["as_at", "source"]
    inlines = [SnapshotAreaInline]

    def has_add_permission(self, request):
        return False

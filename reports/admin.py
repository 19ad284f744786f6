from django.contrib import admin
from django.template.defaultfilters import truncatechars
from simple_history.admin import SimpleHistoryAdmin

from .models import Highlight, Snapshot, SnapshotArea


@admin.register(Highlight)
class HighlightAdmin(SimpleHistoryAdmin):
    list_display = ["scope", "order", "opening"]
    list_display_links = ["scope", "opening"]
    list_filter = [("place", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["place"]
    fields = ["place", "order", "text"]

    @admin.display(description="page", ordering="place__name")
    def scope(self, highlight):
        return highlight.scope_name

    @admin.display(description="text")
    def opening(self, highlight):
        return truncatechars(highlight.text, 80)


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

import threading

from django.contrib import admin
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Highlight, Snapshot, SnapshotArea
from reports.study.highlight_checks import live_figures, reasons_to_check, record_written_figures


@admin.action(description="Still true: record today's figures against it")
def highlights_confirm(modeladmin, request, queryset):
    live = live_figures()
    for highlight in queryset.select_related("place"):
        record_written_figures(highlight, live)
        highlight.save(update_fields=["written_total", "written_order"])
    modeladmin.message_user(request, f"{queryset.count()} highlight(s) now match today's figures.")


@admin.register(Highlight)
class HighlightAdmin(SimpleHistoryAdmin):
    """Highlights whose figures have moved since they were written say "check this highlight"."""

    list_display = ["scope", "order", "opening", "written_on", "figures_check"]
    _local = threading.local()
    list_display_links = ["scope", "opening"]
    list_filter = [("place", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["place"]
    fields = ["place", "order", "text", "about", "written_on", "written_total", "written_order"]
    readonly_fields = ["written_on", "written_total", "written_order"]
    actions = [highlights_confirm]

    @admin.display(description="page", ordering="place__name")
    def scope(self, highlight):
        return highlight.scope_name

    @admin.display(description="text")
    def opening(self, highlight):
        return truncatechars(highlight.text, 80)

    @admin.display(description="figures since written")
    def figures_check(self, highlight):
        reasons = reasons_to_check(highlight, self._live())
        return "Check this highlight: " + "; ".join(reasons) if reasons else "Still match"

    def _live(self):
        if getattr(self._local, "live", None) is None:
            self._local.live = live_figures()
        return self._local.live

    def changelist_view(self, request, extra_context=None):
        self._local.live = None  # figures read once per page, afresh each time
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._local.live = None
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "figures_check"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        """A new or rewritten highlight is written today, against today's figures."""
        if not change or {"text", "about", "place"} & set(form.changed_data):
            obj.written_on = timezone.localdate()
            record_written_figures(obj, live_figures())
        super().save_model(request, obj, form, change)


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


from reports.study import admin as study_admin  # noqa: E402, F401  (the study's conclusions register themselves)

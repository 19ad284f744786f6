"""The admin for the study's conclusions: the highlights of the report pages (and whether
each still holds), its recommendations (read-only but for administrators), the progress
champions record against them, and the literature review."""

import threading

from django.contrib import admin
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from activities.reference.admin_tables import TableImportExportMixin
from reports.figures.area_figures import live_figures
from reports.study.highlight_holds import reasons_it_may_not_hold, record_written_figures
from reports.study.highlight_models import Highlight
from reports.study.literature_models import LiteratureSource, ReviewTheme
from reports.study.recommendation_models import ActionProgress, RecommendationArea, SuggestedAction
from reports.study.resources import ActionProgressResource, LiteratureSourceResource
from scoping.shared.admin_widgets import SafeRelationsMixin


@admin.action(description="Still holds: record today's figures against it")
def highlights_still_hold(modeladmin, request, queryset):
    live = live_figures()
    for highlight in queryset.select_related("place"):
        record_written_figures(highlight, live)
        highlight.save(update_fields=["written_total", "written_order"])
    modeladmin.message_user(request, f"{queryset.count()} highlight(s) now match today's figures.")


@admin.register(Highlight)
class HighlightAdmin(SimpleHistoryAdmin):
    """Highlights whose figures have moved since they were written say they may no longer hold."""

    list_display = ["scope", "order", "opening", "whose", "written_on", "holds"]
    _local = threading.local()
    list_display_links = ["scope", "opening"]
    list_filter = [("place", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["place"]
    fields = ["place", "order", "text", "about", "written_on", "written_total", "written_order"]

    def get_fields(self, request, obj=None):
        return [*self.fields, "whose"] if obj and obj.is_the_studys else self.fields

    readonly_fields = ["written_on", "written_total", "written_order"]
    actions = [highlights_still_hold]

    @admin.display(description="page", ordering="place__name")
    def scope(self, highlight):
        return highlight.scope_name

    @admin.display(description="text")
    def opening(self, highlight):
        return truncatechars(highlight.text, 80)

    @admin.display(description="whose words", ordering="study_line")
    def whose(self, highlight):
        if highlight.is_the_studys:
            return f"The study's (line {highlight.study_line} of its text)"
        return "The team's"

    @admin.display(description="figures since written")
    def holds(self, highlight):
        reasons = reasons_it_may_not_hold(highlight, self._live())
        return "May no longer hold: " + "; ".join(reasons) if reasons else "Still holds"

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
        """The study's own bullets keep its words: only their order may change here."""
        if obj and obj.is_the_studys:
            return [*self.readonly_fields, "place", "text", "about", "whose", "holds"]
        return [*self.readonly_fields, "holds"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        """A new or rewritten highlight is written today, against today's figures."""
        if not change or {"text", "about", "place"} & set(form.changed_data):
            obj.written_on = timezone.localdate()
            record_written_figures(obj, live_figures())
        super().save_model(request, obj, form, change)


class SuggestedActionInline(admin.TabularInline):
    model = SuggestedAction
    extra = 0
    fields = ["number", "text"]


@admin.register(RecommendationArea)
class RecommendationAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    list_display_links = ["title"]
    inlines = [SuggestedActionInline]


@admin.register(SuggestedAction)
class SuggestedActionAdmin(admin.ModelAdmin):
    list_display = ["label", "opening", "area"]
    list_filter = ["area"]
    list_select_related = ["area"]
    search_fields = ["text"]

    @admin.display(description="action", ordering="number")
    def label(self, action):
        return action.label

    @admin.display(description="text")
    def opening(self, action):
        return truncatechars(action.text, 90)

    def get_search_results(self, request, queryset, search_term):
        """The progress form's action picker searches numbers (``3.2``) as well as words."""
        area, _, number = search_term.partition(".")
        if area.isdigit() and number.isdigit() and len(search_term) < 10:
            return queryset.filter(area__number=area, number=number), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(ActionProgress)
class ActionProgressAdmin(SafeRelationsMixin, TableImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ActionProgressResource]
    list_display = ["action_label", "place", "organisation", "status", "noted_on"]
    list_filter = ["status", "place", "action__area"]
    list_select_related = ["action__area", "place", "organisation"]
    autocomplete_fields = ["action", "organisation"]
    fields = ["action", "place", "organisation", "status", "noted_on", "note"]
    date_hierarchy = "noted_on"

    @admin.display(description="action", ordering="action__area__number")
    def action_label(self, progress):
        return progress.action.label

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReviewTheme)
class ReviewThemeAdmin(SafeRelationsMixin, admin.ModelAdmin):
    list_display = ["__str__", "group", "order"]
    list_filter = ["group"]
    fields = ["group", "name", "order", "codebook_themes"]
    filter_horizontal = ["codebook_themes"]


@admin.register(LiteratureSource)
class LiteratureSourceAdmin(SafeRelationsMixin, TableImportExportMixin, admin.ModelAdmin):
    resource_classes = [LiteratureSourceResource]
    list_display = ["cited_as", "source_type", "focus", "pages_cited"]
    list_filter = ["source_type", "focus", "themes__group"]
    search_fields = ["cited_as", "author", "title"]
    filter_horizontal = ["themes"]
    fields = [
        "cited_as",
        "author",
        "year",
        "title",
        "source_type",
        "focus",
        "pages_cited",
        "themes",
        "note",
    ]

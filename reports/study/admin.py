"""The admin for the study's conclusions: its recommendations (read-only but for
administrators), the progress champions record against them, and the literature review."""

from django.contrib import admin
from django.template.defaultfilters import truncatechars
from simple_history.admin import SimpleHistoryAdmin

from activities.reference.admin_tables import TableImportExportMixin
from reports.study.literature_models import LiteratureSource, ReviewTheme
from reports.study.recommendation_models import ActionProgress, RecommendationArea, SuggestedAction
from reports.study.resources import ActionProgressResource, LiteratureSourceResource
from scoping.shared.admin_widgets import SafeRelationsMixin


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

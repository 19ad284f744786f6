from django.contrib import admin
from django.template.defaultfilters import truncatechars
from simple_history.admin import SimpleHistoryAdmin

from .models import Highlight


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


from . import study_admin  # noqa: E402, F401  (the study's conclusions register themselves)

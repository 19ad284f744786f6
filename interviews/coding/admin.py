"""The codebook in the admin, with the history of each theme."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from interviews.models import Theme


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    """The codebook keeps a history (who changed a theme's name, parent or description)."""

    list_display = ["name", "parent", "source"]
    list_filter = ["source"]
    search_fields = ["name"]
    list_select_related = ["parent"]

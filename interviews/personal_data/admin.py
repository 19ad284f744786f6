"""The access log in the admin: read only."""

from django.contrib import admin

from interviews.models import AccessLogEntry
from interviews.personal_data.admin_mixins import ReadOnlyAdmin


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "event", "participant", "interview_id"]
    list_filter = ["event"]
    list_select_related = ["user", "participant"]

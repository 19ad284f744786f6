"""The anonymiser's admin: the names it removes, the safe words it need not flag, and the
redaction log (read only; opening an entry is logged)."""

from django.contrib import admin

from interviews.models import AccessEvent, RedactionLogEntry, SafeWord, StaffName
from interviews.personal_data.access_log import access_record
from interviews.personal_data.admin_mixins import LoggedLookupsMixin, ReadOnlyAdmin


@admin.register(StaffName)
class StaffNameAdmin(admin.ModelAdmin):
    list_display = ["pk"]
    search_fields = ["name"]


@admin.register(SafeWord)
class SafeWordAdmin(admin.ModelAdmin):
    """Words the anonymiser need not flag; the team adds to them."""

    list_display = ["word", "note"]
    search_fields = ["word"]


@admin.register(RedactionLogEntry)
class RedactionLogEntryAdmin(LoggedLookupsMixin, ReadOnlyAdmin):
    """Its change page shows the text the anonymiser replaced: opening it is logged."""

    list_display = ["interview", "kind", "replacement", "at", "by"]
    list_filter = ["kind"]
    list_select_related = ["interview__participant", "by"]
    logged_lookup_fields = ["original"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        if entry is not None and self.has_view_or_change_permission(request, entry):
            access_record(
                user=request.user,
                participant=entry.interview.participant,
                interview=entry.interview,
                event=AccessEvent.REDACTIONS,
            )
        return super().change_view(request, object_id, form_url, extra_context)

"""What the interview study's admin pages share about personal data: a list filtered on a
personal field is logged (``LoggedLookupsMixin``), and a log is only read
(``ReadOnlyAdmin``)."""

from django.contrib import admin

from interviews.models import AccessEvent
from interviews.personal_data.access_log import access_search_record


class LoggedLookupsMixin:
    """A list filtered in the URL on a personal field (``?name__icontains=``) is logged.

    Such a lookup finds people by what they said or who they are, so every
    participant it shows gets an access-log entry, as opening their record would.
    """

    logged_lookup_fields = ()

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if not self._logged_lookup(request):
            return response
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            access_search_record(
                user=request.user, rows=list(changelist.result_list), event=AccessEvent.SEARCH
            )
        return response

    def _logged_lookup(self, request):
        return any(key.split("__", 1)[0] in self.logged_lookup_fields for key in request.GET)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

"""Research rounds in the admin: their dates, deadlines, guides and consent form."""

from django.contrib import admin

from interviews.rounds.models import ResearchRound


@admin.register(ResearchRound)
class ResearchRoundAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "starts_on",
        "ends_on",
        "withdrawal_deadline",
        "retention_until",
        "consent_form",
    ]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["guides"]

    def has_delete_permission(self, request, obj=None):
        """A round with participants leaves through the retention purge, never a delete."""
        if obj is not None and obj.participants.exists():
            return False
        return super().has_delete_permission(request, obj)

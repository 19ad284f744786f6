"""Partners' tokens in the admin: issue (shown once), revoke, and the use log.

Only superusers manage partners: a token opens the whole directory to a system.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse

from activities.api.models import ApiPartner, ApiUse


def token_page(request, partner, token):
    """The new token, shown this once: it is stored only as a hash."""
    context = {
        **admin.site.each_context(request),
        "title": f"Token for {partner.name}",
        "partner": partner,
        "token": token,
        "opts": ApiPartner._meta,
    }
    return TemplateResponse(request, "admin/activities/apipartner/token.html", context)


@admin.register(ApiPartner)
class ApiPartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "token_start", "issued", "revoked", "last_used"]
    readonly_fields = ["token_start", "issued", "revoked", "last_used"]
    search_fields = ["name"]
    actions = ["revoke_tokens", "issue_new_token"]

    def save_model(self, request, obj, form, change):
        if not change:
            self._new_token = obj.issue_token()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return token_page(request, obj, self._new_token)

    @admin.action(description="Revoke the selected partners' tokens")
    def revoke_tokens(self, request, queryset):
        with transaction.atomic():
            for partner in queryset.select_for_update():
                partner.revoke()
                partner.save(update_fields=["revoked"])
        self.message_user(request, f"Revoked {queryset.count()} token(s).", messages.SUCCESS)

    @admin.action(description="Issue a new token (the old one stops working)")
    def issue_new_token(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one partner.", messages.ERROR)
            return None
        partner = queryset.get()
        token = partner.issue_token()
        partner.save(update_fields=["token_hash", "token_start", "issued", "revoked"])
        return token_page(request, partner, token)


@admin.register(ApiUse)
class ApiUseAdmin(admin.ModelAdmin):
    list_display = ["at", "partner", "path", "parameters", "status"]
    list_filter = ["partner", "status"]
    date_hierarchy = "at"
    list_select_related = ["partner"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

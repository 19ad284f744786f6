"""Withdrawal in the admin: the participants' action that asks first, naming who will be
erased, and the tombstones (read only)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import AccessEvent, Withdrawal
from interviews.personal_data.access_log import access_record
from interviews.personal_data.admin_mixins import ReadOnlyAdmin


class WithdrawalActionMixin:
    """The participants' "withdraw" action: a confirmation page naming who will be erased
    (their names only to those who may see identities, and each shown name logged), then
    the withdrawal of each on the confirming POST."""

    @admin.action(description="Withdraw the selected participants (deletes their data)")
    def withdraw(self, request, queryset):
        """Asks first, naming who will be erased; withdraws on the confirming POST."""
        if request.POST.get("confirm") != "yes":
            return self.withdraw_confirmation(request, queryset)
        for participant in list(queryset):
            try:
                withdraw_participant(participant=participant, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{participant.code} withdrawn: their data is deleted.",
                    messages.SUCCESS,
                )

    def withdraw_confirmation(self, request, queryset):
        participants = list(queryset.select_related("identity", "place"))
        show_names = request.user.has_perm("interviews.view_participantidentity")
        rows = []
        for participant in participants:
            identity = getattr(participant, "identity", None)
            name = identity.name if show_names and identity else ""
            if name:
                access_record(
                    user=request.user, participant=participant, event=AccessEvent.IDENTITY
                )
            rows.append({"participant": participant, "name": name})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Withdraw these participants?",
            "rows": rows,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/interviews/participant/withdraw_confirmation.html", context
        )

    def has_withdraw_permission(self, request):
        return request.user.has_perm("interviews.delete_participant")

    withdraw.allowed_permissions = ["withdraw"]


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    list_display = ["code", "withdrawn_on", "withdrawn_by"]

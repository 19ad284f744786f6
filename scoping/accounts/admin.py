"""Inviting people from the admin, and the user pages without anyone typing another's
password: "Add user" becomes an invitation, and a password is changed by its owner
(or reset by e-mail), never set for them."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from scoping.accounts.invitations import invitation_create
from scoping.accounts.models import Invitation
from scoping.accounts.roles import ROLES
from scoping.accounts.two_factor.devices import two_factor_reset
from scoping.shared.admin_widgets import SafeRelationsMixin

USER_MANAGEMENT = "auth.add_user"


class InvitationForm(forms.ModelForm):
    role = forms.ChoiceField(choices=[(role, role) for role in ROLES])

    class Meta:
        model = Invitation
        fields = ["email", "role"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError("Someone with that e-mail address already has an account.")
        return email


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Listed by role and state only: the address is personal data, searchable not shown."""

    form = InvitationForm
    list_display = ["__str__", "role", "created", "expires", "state"]
    list_filter = ["role"]
    search_fields = ["email"]
    readonly_fields = ["email", "role", "created", "expires", "used"]

    def has_add_permission(self, request):
        return request.user.has_perm(USER_MANAGEMENT) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return ["email", "role"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        try:
            invitation, _token = invitation_create(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:  # an account made since the form was checked
            raise PermissionDenied(" ".join(error.messages)) from None
        obj.pk = invitation.pk
        obj.created, obj.expires = invitation.created, invitation.expires
        messages.success(request, "Invitation sent: the link in it works once, for 7 days.")


# django-otp's own device pages would show secrets; devices are the user's own business,
# reset by an administrator only through the action below.
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)


class InvitingUserAdmin(SafeRelationsMixin, UserAdmin):
    """Django's user admin, where adding a user is inviting them, and a lost two-factor
    device is reset (logged in each user's history)."""

    actions = ["reset_two_factor"]

    @admin.action(
        description="Reset two-factor sign-in of selected users (lost device)",
        permissions=["change"],
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor_reset(user, by=request.user)
        messages.success(
            request,
            f"Two-factor sign-in reset for {queryset.count()} user(s): they were signed out "
            "and will set up an authenticator app at their next sign-in.",
        )

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return redirect("admin:scoping_invitation_add")

    def user_change_password(self, request, id, form_url=""):
        if str(request.user.pk) != str(id):
            raise PermissionDenied(
                "A password is chosen by its owner: they can reset it from the sign-in page."
            )
        return super().user_change_password(request, id, form_url)

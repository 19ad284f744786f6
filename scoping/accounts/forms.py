"""Sign-in forms that refuse impossible usernames before anything is looked up."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm

USERNAME_MAX = get_user_model()._meta.get_field("username").max_length


class UsernameLengthMixin:
    """Django's sign-in form shows a maxlength but does not enforce it; an overlong
    name would then reach the lockout records (and break on PostgreSQL)."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if len(username) > USERNAME_MAX:
            raise forms.ValidationError(f"A username has at most {USERNAME_MAX} characters.")
        return username


class SignInForm(UsernameLengthMixin, AuthenticationForm):
    pass


class AdminSignInForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass

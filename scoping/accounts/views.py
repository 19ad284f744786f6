"""The account pages anyone may open without signing in: accepting an invitation."""

from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from scoping.accounts.invitations import invitation_accept, invitation_open

BACKEND = "scoping.accounts.auth_backend.ModelBackend"


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation(request, token):
    """Choose a password with the invitation's link; then signed in with its role."""
    invited = invitation_open(token)
    if invited is None:
        return render(request, "registration/invitation_invalid.html", status=404)
    # An unsaved user, so the validators can compare the password with the address.
    candidate = get_user_model()(username=invited.email, email=invited.email)
    form = SetPasswordForm(candidate, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invitation_accept(token, form.cleaned_data["new_password1"])
        if user is None:
            return render(request, "registration/invitation_invalid.html", status=404)
        login(request, user, backend=BACKEND)
        return redirect("home")
    status = 400 if form.errors else 200
    context = {"form": form, "invitation": invited}
    return render(request, "registration/invitation.html", context, status=status)

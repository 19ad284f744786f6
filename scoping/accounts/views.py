"""The account pages: accepting an invitation (no sign-in), and one's own account."""

from axes.models import AccessLog
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import user_has_device

from scoping.accounts.invitations import invitation_accept, invitation_open
from scoping.accounts.roles import CHAMPIONS, roles_of
from scoping.accounts.two_factor.gate import two_factor_required
from scoping.mail.preferences import PERIODIC, subscribed, subscription_set

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


@never_cache
def account(request):
    """Your role, places, two-factor sign-in, recent sign-ins, and the e-mails you get."""
    user = request.user
    if request.method == "POST":
        for kind in PERIODIC:
            subscription_set(user, kind, on=request.POST.get(kind.value) == "on")
        messages.success(request, "Your e-mail choices are saved.")
        return redirect("account")
    context = {
        "roles": roles_of(user),
        "places": [link.place.name for link in user.champion_places.select_related("place")],
        "two_factor_on": user_has_device(user),
        "two_factor_required": two_factor_required(user),
        "sign_ins": AccessLog.objects.filter(username=user.get_username()).order_by(
            "-attempt_time"
        )[:5],
        # The digest goes to champions only: nobody else is offered it.
        "periodic": [(kind, subscribed(user, kind)) for kind in PERIODIC]
        if CHAMPIONS in roles_of(user)
        else [],
    }
    return render(request, "registration/account.html", context)

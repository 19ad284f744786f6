"""The second step of signing in: give a code, or enrol; and the account's two-factor page."""

from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import match_token, user_has_device

from scoping.accounts.two_factor.devices import (
    backup_codes_left,
    backup_codes_new,
    totp_confirm,
    totp_pending,
    totp_qr_svg,
    totp_secret,
)
from scoping.accounts.two_factor.forms import CodeForm
from scoping.accounts.two_factor.gate import two_factor_required

WRONG = "That code did not work. Check the time on your phone is right, and try the newest code."


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def _to(name, request):
    return redirect(reverse(name) + "?" + urlencode({"next": _next(request)}))


@never_cache
def verify(request):
    """After the password: a code from the app or a backup code (each backup code works once)."""
    if request.user.is_verified():
        return redirect(_next(request))
    if not user_has_device(request.user):
        return _to("two_factor:setup", request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("code", WRONG)
    status = 400 if form.errors else 200
    context = {"form": form, "next": _next(request)}
    return render(request, "registration/two_factor_verify.html", context, status=status)


@never_cache
def setup(request):
    """Enrol an authenticator app: scan, type its code; then the backup codes, shown once."""
    if user_has_device(request.user) and not request.user.is_verified():
        return _to("two_factor:verify", request)
    device = totp_pending(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_confirm(device, form.cleaned_data["code"]):
            django_otp.login(request, device)
            codes = backup_codes_new(request.user)
            context = {"codes": codes, "next": _next(request)}
            return render(request, "registration/two_factor_codes.html", context)
        form.add_error("code", WRONG)
    context = {
        "form": form,
        "next": _next(request),
        "qr": totp_qr_svg(device),
        "secret": totp_secret(device),
        "required": two_factor_required(request.user),
    }
    status = 400 if form.errors else 200
    return render(request, "registration/two_factor_setup.html", context, status=status)


@never_cache
def account(request):
    """The signed-in user's two-factor status, and new backup codes."""
    user = request.user
    context = {
        "enrolled": user_has_device(user),
        "verified": user.is_verified(),
        "required": two_factor_required(user),
        "codes_left": backup_codes_left(user),
    }
    return render(request, "registration/two_factor_account.html", context)


@require_POST
def codes_new(request):
    """New backup codes (the old ones stop working): only in a session that gave a code."""
    if not request.user.is_verified():
        messages.error(request, "Sign in with a code first.")
        return redirect("two_factor:account")
    codes = backup_codes_new(request.user)
    return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": "/"})

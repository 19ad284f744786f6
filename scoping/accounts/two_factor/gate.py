"""Who must use a second factor, and the gate that sends them to it after their password.

What the gate does for a session is worked out once, when its user signs in (and stored
in the session), so pages cost no extra query: ``verify`` (the user has a device: ask for
a code), ``setup`` (required and no device yet: enrol now) or nothing. A session from
before the gate existed is worked out on its first request.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django_otp import user_has_device

from scoping.accounts.roles import INTERVIEW_TEAM

GATE = "two_factor_gate"
VERIFY, SETUP, OPEN = "verify", "setup", "open"
INTERVIEW_DATA = ("interviews.view_participantidentity", "interviews.view_interview")

# What an unverified user may still open: the gate's own pages, signing out, and the
# pages that need no sign-in at all.
EXEMPT_NAMES = {
    "two_factor:verify",
    "two_factor:setup",
    "logout",
    "login",
    "admin:logout",
    "admin:login",
    "healthz",
    "favicon",
    "about",
    "invitation",
    "unsubscribe",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "activities:share",
    "activities:share_thanks",
}
EXEMPT_NAMESPACES = {"api"}  # the API answers partner tokens, never a session


def two_factor_required(user):
    """Whether ``user`` must sign in with a second factor (in production, by default)."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if user.groups.filter(name=INTERVIEW_TEAM).exists():
        return True
    return any(user.has_perm(perm) for perm in INTERVIEW_DATA)


def gate_for(user):
    if user_has_device(user):
        return VERIFY
    return SETUP if two_factor_required(user) else OPEN


@receiver(user_logged_in, dispatch_uid="two_factor_gate_on_sign_in")
def gate_on_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[GATE] = gate_for(user)


class TwoFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: a signed-in user the gate applies to
    and who has not given a code this session is sent to give one (or to enrol)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_NAMES:
            return None
        if EXEMPT_NAMESPACES & set(match.namespaces):
            return None
        state = request.session.get(GATE)
        if state is None:
            state = request.session[GATE] = gate_for(user)
        if state == OPEN:
            return None
        target = "two_factor:verify" if state == VERIFY else "two_factor:setup"
        response = redirect(target)
        response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response

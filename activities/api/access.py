"""Who may read the API: a partner's token, or anyone when ``API_PUBLIC`` is on.

A token comes as ``Authorization: Bearer <token>``. Signing in to the site gives no
access here: the API is for partners' systems, and a session is not a token.
Requests are rate-limited per token (per client address when public), and every
request a partner makes is written to the use log (``partners.ApiUse``).
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from activities.api.models import ApiPartner, ApiUse
from scoping.accounts.client_address import client_address

REALM = "Peer Support Directory API"


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>`` -> (anonymous user, the partner)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        keyword, _, token = header.strip().partition(" ")
        token = token.strip()
        if keyword.lower() != self.keyword.lower() or not token or " " in token:
            raise exceptions.AuthenticationFailed(
                "Send the partner token as: Authorization: Bearer <token>."
            )
        partner = ApiPartner.objects.for_token(token)
        if partner is None:
            raise exceptions.AuthenticationFailed("This token is not one we issued.")
        if not partner.active:
            raise exceptions.AuthenticationFailed(
                "This token has been revoked; ask the directory team for a new one."
            )
        return AnonymousUser(), partner

    def authenticate_header(self, request):
        return f'{self.keyword} realm="{REALM}"'


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = PartnerTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner token, issued in the admin (not needed when the API is public).",
        }

    def get_security_requirement(self, auto_schema):
        # Public: the token is optional (an empty requirement means none needed).
        return [{self.name: []}, {}] if settings.API_PUBLIC else [{self.name: []}]


class PartnerOrPublic(permissions.BasePermission):
    message = "This API needs a partner token: Authorization: Bearer <token>."

    def has_permission(self, request, view):
        return settings.API_PUBLIC or isinstance(request.auth, ApiPartner)


class PartnerRateThrottle(throttling.SimpleRateThrottle):
    """``API_RATE_LIMIT`` requests (e.g. "600/minute") per token, or per address when public."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiPartner):
            ident = f"partner-{request.auth.pk}"
        else:
            ident = client_address(request) or "unknown"
        return f"throttle_api_{ident}"


def use_record(request, response):
    """Log a partner's request (parameter names only) and when they last used the API."""
    partner = getattr(request, "auth", None)
    if not isinstance(partner, ApiPartner):
        return
    now = timezone.now()
    ApiUse.objects.create(
        partner=partner,
        at=now,
        path=request.path[:300],
        parameters=",".join(sorted(request.GET.keys()))[:300],
        status=response.status_code,
    )
    ApiPartner.objects.filter(pk=partner.pk).update(last_used=now)

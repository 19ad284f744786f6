"""The API's error answers: DRF's own, and on a 401 without a token, how to ask for one
(a module of its own: DRF's views import the authentication classes of ``access``)."""

from django.conf import settings
from django.urls import reverse
from rest_framework import exceptions
from rest_framework.views import exception_handler


def how_to_get_a_token():
    """Where the public About page says how to ask for a partner token."""
    return settings.SITE_URL.rstrip("/") + reverse("about") + "#api-access"


def api_exception_handler(exc, context):
    """DRF's answer, and on a 401 without a token, how to ask for one."""
    response = exception_handler(exc, context)
    if isinstance(exc, exceptions.NotAuthenticated) and response is not None:
        response.data = {
            "detail": (
                "This API needs a partner token, sent as: Authorization: Bearer <token>. "
                f"To ask for one, see {how_to_get_a_token()}"
            ),
            "token_request": how_to_get_a_token(),
        }
    return response

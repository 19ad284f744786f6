import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from activities.directory.disclaimer import DISCLAIMER
from activities.master_sheet.admin import can_import
from scoping.accounts.roles import ROLE_DESCRIPTIONS, roles_of


def home(request):
    """What the signed-in user's role lets them do, as links."""
    user = request.user
    roles = roles_of(user)
    return render(
        request,
        "home.html",
        {
            "roles": [(role, ROLE_DESCRIPTIONS.get(role, "Everything.")) for role in roles],
            "can_enter_activities": user.has_perm("activities.add_activity"),
            "can_view_activities": user.has_perm("activities.view_activity"),
            "uses_admin": user.is_staff,
            "can_import": can_import(user),
        },
    )


@login_not_required
@require_safe
def about(request):
    """The public door: what the study and the directory are (and are not), and how to
    read the data through the API. Anyone may open it; the study's pages stay signed-in."""
    return render(
        request,
        "about.html",
        {
            "disclaimer": DISCLAIMER,
            "api_public": settings.API_PUBLIC,
            "submitter_email_days": settings.SUBMITTER_EMAIL_DAYS,
        },
    )


@functools.cache
def _favicon_bytes():
    return (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()


@login_not_required
@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


def bad_request(request, exception):
    """The 400 page with the site's header and navigation (Django's own renders it
    without the request, so without the signed-in user's navigation)."""
    try:
        content = loader.render_to_string("400.html", request=request)
    except Exception:  # a request too broken to render with: the page without it
        content = loader.render_to_string("400.html")
    return HttpResponseBadRequest(content)

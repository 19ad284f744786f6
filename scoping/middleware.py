"""Project middleware: idle sessions, and query strings no page can use."""

import time

from django.http import HttpResponseBadRequest

from .ids import is_database_id

REFRESH_AFTER_SECONDS = 5 * 60


class SessionIdleRefreshMiddleware:
    """Push a signed-in user's session expiry forward at most every five minutes.

    The session's expiry is set when it is saved, so touching it from time to
    time keeps an active user signed in while an idle one is signed out
    SESSION_COOKIE_AGE after their last request (give or take five minutes),
    without Django's SESSION_SAVE_EVERY_REQUEST writing on every page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            # Signing in saves the session and sets last_login: that counts as a refresh.
            last = request.session.get("refreshed_at") or (
                user.last_login.timestamp() if user.last_login else 0
            )
            if now - last >= REFRESH_AFTER_SECONDS:
                request.session["refreshed_at"] = now
        return response


class RejectNulCharactersMiddleware:
    """A NUL character is never valid in a query string here; PostgreSQL cannot even
    compare one, so refuse the request plainly instead of failing deep in a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "The address contains a NUL character, which is never valid here.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class RejectForgedAdminSelectionMiddleware:
    """The admin's action form posts the ids of the ticked rows, and Django filters by
    them as they come: a value that is not an id fails deep in the query (a 500).
    Every model here has an integer key, so anything else is refused plainly; the
    admin itself never sends one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and not all(
            is_database_id(v) for v in request.POST.getlist("_selected_action")
        ):
            return HttpResponseBadRequest(
                "The selection holds something that is not a record id.",
                content_type="text/plain; charset=utf-8",
            )
        return None

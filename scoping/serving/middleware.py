"""Project middleware: the request log, no-store for interview data, idle sessions, and
query strings no page can use."""

import logging
import re
import time
import uuid

from django.http import HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers
from django.utils.functional import empty

from scoping.serving.logs import request_id_var
from scoping.shared.ids import is_database_id

request_log = logging.getLogger("scoping.requests")

# An id a proxy or load balancer may pass on in X-Request-ID: letters, digits and
# . _ : - only, so it cannot forge a log line. Anything else gets a new id.
WELL_FORMED_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
# Logged at DEBUG only: load balancers poll it every few seconds.
QUIET_PATHS = {"/healthz"}


def _user_id(request):
    """The signed-in user's id, if this request has already looked the user up
    (never a name or e-mail; never a session query just for the log)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """One JSON line per request (scoping.serving.logs.JsonFormatter): method, path, the names
    of the query parameters (never their values: a search can hold a name), status,
    duration in ms, user id and the request id, which every response returns in
    X-Request-ID and every other line logged while handling it carries.

    Outermost, so static files and responses that middleware returns early are
    logged and tagged too; gunicorn's own access log is off (scoping/serving/gunicorn_conf.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if WELL_FORMED_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_log.log(
                logging.DEBUG if request.path in QUIET_PATHS else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "access": {
                        "method": request.method,
                        "path": request.path,
                        "query_params": sorted({name[:40] for name in request.GET})[:20],
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "user_id": _user_id(request),
                    }
                },
            )
            return response
        finally:
            request_id_var.reset(token)


# Every response under these paths may carry interview data: transcripts, identities,
# consent, flags, memos, quotes (the interview pages and their exports, the quotes
# pages, the reports with their quotes and interview panels, and the admin).
NO_STORE_PREFIXES = ("/interviews/", "/study/quotes/", "/reports/", "/admin/")


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` (and no-cache, max-age=0) on every response
    under ``NO_STORE_PREFIXES``, whatever view, redirect or error page made it: no copy of
    interview data stays in a browser's or a proxy's cache. One place, not a decorator
    per view, so a new page under those paths cannot forget it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(NO_STORE_PREFIXES):
            add_never_cache_headers(response)
        return response


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

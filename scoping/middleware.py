"""Sessions that end after a working day of inactivity, without a write per request."""

import time

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

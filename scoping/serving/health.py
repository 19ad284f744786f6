"""/healthz for load balancers and monitoring, and the version it reports."""

import functools
import subprocess

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from scoping.jobs.services import queue_state


@functools.cache
def version():
    """APP_VERSION if the deployment sets it, else the git commit, else "unknown"."""
    if settings.APP_VERSION:
        return settings.APP_VERSION
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 else "unknown"


@login_not_required
@require_safe
@never_cache
def healthz(request):
    """200 and {"status": "ok", "database": "ok", "queue": {...}, ...}, or 503 with
    "error" when the database does not answer one cheap query. No session or user is
    looked up. "queue" says how long the oldest waiting job has waited and whether a job
    worker was seen in the last minute; a dead worker is reported, not a 503 (the site
    still answers; monitoring alerts on ``queue.worker_alive``)."""
    queue = None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
        queue = queue_state()
    except DatabaseError:
        database = "error"
    ok = database == "ok"
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            "database": database,
            "queue": queue,
            "version": version(),
        },
        status=200 if ok else 503,
    )

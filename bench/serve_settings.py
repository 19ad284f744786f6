"""Production settings, served over plain HTTP on loopback: for bench/load.py only.

Everything is as in production (DEBUG off, the real password hasher, the same
middleware and caches) except what needs TLS or collected static files, which a
load test of the HTML pages on 127.0.0.1 has neither of: no redirect to HTTPS,
cookies not marked Secure (a client would not send them over http://), and the
plain static storage (no manifest to read; the load test fetches no static files).
"""

from scoping.settings import *  # noqa: F403
from scoping.settings import STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

"""
WSGI config for scoping project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")

application = get_wsgi_application()

# Import every view now, as the server starts, rather than on each worker's first request:
# the URLconf pulls in every app's views and what they use (SciPy among them), about a
# second of a core that a user would otherwise wait through.
get_resolver().url_patterns  # noqa: B018  (the property imports them)

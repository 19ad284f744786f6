"""
WSGI config for scoping project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.template import TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")

application = get_wsgi_application()


def _warm():
    """Import every view and compile the project's templates now, as the server starts.

    Otherwise each worker does both on its first requests: the URLconf pulls in every
    app's views and what they use (SciPy among them), and compiling the project's
    templates takes over a second of a core (the cached template loader then keeps
    them). With gunicorn's preload (scoping/serving/gunicorn_conf.py) the master does it once,
    before forking the workers.
    """
    get_resolver().url_patterns  # noqa: B018  (the property imports them)
    root = Path(settings.BASE_DIR)
    folders = [root / "templates"] + [root / app / "templates" for app in PROJECT_APPS]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            try:
                get_template(path.relative_to(folder).as_posix())
            except TemplateSyntaxError:  # raised again, and reported, when the page asks
                continue


PROJECT_APPS = ("activities", "interviews", "reports", "scoping")
_warm()


def _prepare_figures():
    """The current data's facet index and default report counts (``reports.figures.prepared``)."""
    from reports.figures.prepared import warm_start  # once the apps are loaded, above

    warm_start()


_prepare_figures()

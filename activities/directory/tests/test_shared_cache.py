"""The figures cache shared between app servers (CACHE_URL): configured from the
environment, and a cache server that is down costs a computation, not the page."""

import json
import os
import subprocess
import sys

import pytest

from activities.models import Activity
from activities.tests.directory_data import make_directory

pytestmark = pytest.mark.django_db

NOBODY_LISTENING = "redis://127.0.0.1:9/0"  # the discard port: nothing answers there


def caches_from(**env):
    """CACHES and the import-export preview storage as settings read them from ``env``."""
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"} | env
    code = (
        "import json; from scoping import settings as s; print(json.dumps([s.CACHES, "
        "getattr(s, 'IMPORT_EXPORT_TMP_STORAGE_CLASS', None)], default=str))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_without_cache_url_each_process_keeps_its_own_figures():
    caches, previews = caches_from()
    assert caches["figures"]["BACKEND"].endswith("LocMemCache")
    assert previews is None  # a temporary file, which every worker on the machine can read


def test_cache_url_shares_the_figures_and_the_import_previews():
    caches, previews = caches_from(CACHE_URL="redis://cache.internal:6379/1")
    for alias in ("default", "figures"):
        assert caches[alias]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert caches[alias]["LOCATION"] == "redis://cache.internal:6379/1"
    assert caches["default"]["KEY_PREFIX"] != caches["figures"]["KEY_PREFIX"]
    assert previews == "import_export.tmp_storages.CacheStorage"


def test_a_cache_server_that_is_down_costs_a_computation_not_the_page(
    client_for, analyst, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_directory()  # commits a data version, so the figures are looked up
    settings.CACHES = {
        **settings.CACHES,
        "figures": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": NOBODY_LISTENING,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    client = client_for(analyst)
    response = client.get("/activities/?place=leeds")
    assert response.status_code == 200
    assert response.context["total"] == Activity.objects.filter(place__slug="leeds").count()
    leeds = next(f for f in response.context["facets"] if f["name"] == "place")["options"]
    counts = {o["value"]: o["count"] for o in leeds}
    assert counts["kirklees"] == Activity.objects.filter(place__slug="kirklees").count()
    assert client.get("/reports/").status_code == 200

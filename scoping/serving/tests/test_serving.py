"""Serving for real: /healthz, the request log and its ids, the error pages, the
security headers on every response, the favicon, and collectstatic with the
production (manifest) storage."""

import io
import json
import logging
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client

from scoping.serving.logs import JsonFormatter

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    for header, value in SECURITY_HEADERS.items():
        assert response[header] == value, header
    assert response["X-Request-ID"]


@pytest.fixture
def log_lines():
    """The JSON lines the site writes while the test runs (every logger, DEBUG up)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    requests_log = logging.getLogger("scoping.requests")
    old_level = requests_log.level
    requests_log.setLevel(logging.DEBUG)
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        requests_log.setLevel(old_level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "scoping.requests"]


# /healthz


def test_healthz_answers_without_a_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["version"]
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_the_configured_version(client, settings):
    from scoping.serving import health

    settings.APP_VERSION = "2026.11.1"
    health.version.cache_clear()
    try:
        assert client.get("/healthz").json()["version"] == "2026.11.1"
    finally:
        health.version.cache_clear()


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"] == "error"
    assert "version" in body


def test_healthz_is_logged_at_debug_only(client, log_lines, settings):
    client.get("/healthz")
    (line,) = request_lines(log_lines())
    assert line["level"] == "DEBUG" and line["path"] == "/healthz"
    # The site logs at INFO unless LOG_LEVEL says otherwise, so health checks stay out.
    assert settings.LOGGING["root"]["level"] == "INFO"


# The request log


def test_one_json_line_per_request_with_no_query_values_and_no_names(client, log_lines, make_user):
    user = make_user("jane.doe.private")
    user.email = "jane@example.org"
    user.save()
    client.force_login(user)
    response = client.get("/activities/?q=Jane+Doe&place=leeds&place=wakefield")
    lines = request_lines(log_lines())
    assert len(lines) == 1
    line = lines[0]
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/activities/"
    assert line["query_params"] == ["place", "q"]
    assert line["status"] == response.status_code
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] == user.pk
    assert line["request_id"] == response["X-Request-ID"]
    everything = json.dumps(log_lines())
    for private in ("Jane", "Doe", "leeds", "wakefield", "jane.doe.private", "jane@example.org"):
        assert private not in everything


def test_djangos_own_warnings_carry_the_request_id(client, log_lines):
    response = client.get("/no-such-page/")
    (warning,) = [line for line in log_lines() if line["logger"] == "django.request"]
    assert warning["level"] == "WARNING" and warning["status"] == 404
    assert warning["request_id"] == response["X-Request-ID"]


def test_an_anonymous_request_has_no_user_id(client, log_lines):
    client.get("/accounts/login/")
    (line,) = request_lines(log_lines())
    assert line["user_id"] is None and line["status"] == 200


def test_a_well_formed_request_id_from_the_proxy_is_kept(client, log_lines):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a9c.01"})
    assert response["X-Request-ID"] == "lb-7f3a9c.01"
    assert request_lines(log_lines())[0]["request_id"] == "lb-7f3a9c.01"


@pytest.mark.parametrize("forged", ["", "x" * 200, "a b", 'a"}\n{"level":"INFO', "é"])
def test_a_malformed_request_id_is_replaced(client, forged):
    response = client.get("/healthz", headers={"X-Request-ID": forged})
    assert response["X-Request-ID"] != forged
    assert len(response["X-Request-ID"]) == 32


def test_every_response_gets_a_new_request_id(client):
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_an_error_is_logged_with_the_request_id(client_for, champion, log_lines):
    client = client_for(champion)
    client.raise_request_exception = False
    with mock.patch("scoping.views.roles_of", side_effect=RuntimeError("boom")):
        response = client.get("/?q=secret")
    assert response.status_code == 500
    lines = log_lines()
    (error,) = [line for line in lines if line["logger"] == "django.request"]
    assert error["level"] == "ERROR"
    assert error["request_id"] == response["X-Request-ID"]
    assert "RuntimeError: boom" in error["exception"]
    (access,) = request_lines(lines)
    assert access["status"] == 500 and access["request_id"] == response["X-Request-ID"]
    assert "secret" not in json.dumps(lines)


# Error pages


def assert_site_page(response, status):
    assert response.status_code == status
    html = response.content.decode()
    assert 'class="govuk-header' in html
    assert "Peer Support Directory" in html
    assert 'href="/"' in html  # a way back
    assert "<script>" not in html and "style=" not in html
    assert_security_headers(response)
    return html


def test_404_is_the_sites_page_with_its_navigation(client_for, analyst):
    html = assert_site_page(client_for(analyst).get("/no-such-page/"), 404)
    assert "Page not found" in html
    assert "govuk-header__navigation" in html and ">Directory<" in html


def test_403_is_the_sites_page_with_its_navigation(client_for, analyst):
    html = assert_site_page(client_for(analyst).get("/interviews/"), 403)
    assert "You cannot open this page" in html
    assert "govuk-header__navigation" in html and ">Directory<" in html


def test_400_is_the_sites_page_with_its_navigation(client_for, analyst):
    client = client_for(analyst)
    with mock.patch("scoping.views.roles_of", side_effect=SuspiciousOperation("odd")):
        html = assert_site_page(client.get("/"), 400)
    assert "could not understand that request" in html
    assert "govuk-header__navigation" in html


def test_400_for_a_host_not_allowed(client):
    html = assert_site_page(client.get("/", headers={"host": "evil.example"}), 400)
    assert "could not understand that request" in html


def test_500_is_the_sites_page_and_needs_no_database(client_for, champion):
    client = client_for(champion)
    client.raise_request_exception = False
    with mock.patch("scoping.views.roles_of", side_effect=RuntimeError("boom")):
        html = assert_site_page(client.get("/"), 500)
    assert "Sorry, there is a problem with the service" in html
    assert "boom" not in html


def test_the_500_page_renders_with_no_database_and_no_request():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("down"),
    ):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_the_csrf_failure_page_is_the_sites_own(client, champion):
    client = Client(enforce_csrf_checks=True)
    client.force_login(champion)
    response = client.post("/accounts/logout/")
    html = assert_site_page(response, 403)
    assert "The form has expired" in html


# Headers on responses that do not come from a view


def test_static_files_carry_the_security_headers(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # no collectstatic in tests
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_plain_400_for_a_nul_character_carries_the_security_headers(client):
    response = client.get("/activities/?q=%00")
    assert response.status_code == 400
    assert_security_headers(response)


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content.startswith(b"\x00\x00\x01\x00")  # an ICO file
    assert_security_headers(response)


def test_pages_link_the_favicon(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


# collectstatic with the production storage


def test_collectstatic_with_the_production_storage_finds_every_asset(settings, tmp_path):
    """The manifest storage refuses a url() in CSS that points at a missing file, as
    the footer crest once did; production runs exactly this (scoping/serving/serve.py)."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("css/app.css", "js/app.js", "favicon.ico", "favicon.svg"):
        assert (tmp_path / manifest[name]).is_file(), name


# make serve (python -m scoping.serving.serve) and its gunicorn configuration


def serve(env):
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_ENV", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-m", "scoping.serving.serve"],
        cwd=settings.BASE_DIR,
        env={**base, "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "psd.example.org"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS must be set"),
    ],
)
def test_serve_refuses_to_start_without_its_variables(env, message):
    result = serve(env)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_serve_refuses_debug():
    result = serve({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "a.example", "DEBUG": "1"})
    assert result.returncode == 2 and "DEBUG is on" in result.stderr


def gunicorn_conf(**env):
    code = (
        "import json, scoping.serving.gunicorn_conf as c; "
        "print(json.dumps([c.workers, c.bind, c.accesslog, c.threads]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"WEB_CONCURRENCY", "PORT", "BIND", "GUNICORN_THREADS"}
        }
        | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_gunicorn_workers_come_from_the_cpus_unless_set():
    workers, bind, accesslog, threads = gunicorn_conf()
    assert (workers, threads) == (2 * len(os.sched_getaffinity(0)) + 1, 1)
    assert bind == ["127.0.0.1:8000"]
    assert accesslog is None  # the app writes the one line per request
    assert gunicorn_conf(WEB_CONCURRENCY="3", PORT="8001", GUNICORN_THREADS="2") == [
        3,
        ["127.0.0.1:8001"],
        None,
        2,
    ]

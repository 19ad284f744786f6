"""Security settings, each with a test that fails if the protection is removed."""

import datetime
import os
import secrets
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_html_pages_carry_a_strict_content_security_policy(client_for, champion):
    response = client_for(champion).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_login_page_is_protected_too(client):
    response = client.get("/accounts/login/")
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_five_failures_lock_the_account_for_fifteen_minutes(client, champion):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        for _ in range(4):
            response = sign_in(client, "champion", "wrong")
            assert response.status_code == 200
            assert "Please enter a correct username and password" in response.content.decode()
        response = sign_in(client, "champion", "wrong")
        assert response.status_code == 429
        assert "Too many failed sign-in attempts" in response.content.decode()
        # Even the right password is refused while locked.
        response = sign_in(client, "champion", PASSWORD)
        assert response.status_code == 429
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 14, tzinfo=datetime.UTC), tick=False):
        assert sign_in(client, "champion", PASSWORD).status_code == 429
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 16, tzinfo=datetime.UTC), tick=False):
        response = sign_in(client, "champion", PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/"


def test_four_failures_do_not_lock(client, champion):
    for _ in range(4):
        sign_in(client, "champion", "wrong")
    assert sign_in(client, "champion", PASSWORD).status_code == 302


def test_an_administrator_can_unlock(client, champion, superuser):
    from axes.models import AccessAttempt

    for _ in range(5):
        sign_in(client, "champion", "wrong")
    assert sign_in(client, "champion", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="champion")
    admin = client.__class__()
    admin.force_login(superuser)
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "champion", PASSWORD).status_code == 302


def test_passwords_must_be_strong(champion):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password123", "12345678901234", "champion2020", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak, champion)
    validate_password("correct horse battery staple", champion)


def test_sessions_end_after_a_working_day_idle_but_not_while_in_use(client, champion):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert sign_in(client, "champion", PASSWORD).status_code == 302
        clock.move_to(start + datetime.timedelta(hours=6))
        assert client.get("/").status_code == 200  # in use: the day starts again
        clock.move_to(start + datetime.timedelta(hours=13))
        assert client.get("/").status_code == 200
        clock.move_to(start + datetime.timedelta(hours=21, minutes=5))
        response = client.get("/")
        assert response.status_code == 302  # 8 hours idle: signed out
        assert response["Location"].startswith("/accounts/login/")


def test_production_settings_pass_the_deployment_check():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="scoping.settings",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="psd.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_turns_on_https_protections():
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="psd.example.org",
    )
    code = (
        "import scoping.settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True"] * 5, result.stderr

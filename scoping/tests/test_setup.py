"""`make run`'s steps: settings from the environment, and a set-up that is safe to repeat."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from activities.models import Activity, Alias, Place, SharedExperience

ROOT = settings.BASE_DIR


def run_setup():
    out = StringIO()
    call_command("setup_local", stdout=out)
    return out.getvalue()


@pytest.mark.ci_sqlite_only  # make run sets up SQLite
@pytest.mark.django_db
def test_setup_is_repeatable_keeps_edits_and_prints_a_password_that_signs_in(client):
    """One set-up serves four checks (each run loads the 602 demo activities, the
    slowest step of the suite's set-up tests): what the first run loads and prints,
    that the printed password signs in, that an administrator's edit of the reference
    data survives it, and that a second run changes nothing."""
    edited = Alias.objects.get(vocabulary="sector", spelling="Charity")
    edited.canonical = "community"
    edited.save()

    first = run_setup()

    edited.refresh_from_db()
    assert edited.canonical == "community"
    counts = (
        Place.objects.count(),
        SharedExperience.objects.count(),
        Alias.objects.count(),
        Activity.objects.count(),
    )
    aliases = json.loads((ROOT / "fixtures" / "aliases.json").read_text(encoding="utf-8"))
    assert counts[:3] == (6, 27, len(aliases))  # every spelling of the reference data
    assert counts[3] == 602  # the study's headline: 491 in the six places, 111 region-wide
    password = first.split("password: ")[1].split()[0]
    response = client.post("/accounts/login/", {"username": "admin", "password": password})
    assert response.status_code == 302 and response["Location"] == "/"
    assert_demo_data_uses_every_place_and_only_valid_vocabulary()

    second = run_setup()

    assert "password" not in second.replace("password unchanged", "")
    assert (
        Place.objects.count(),
        SharedExperience.objects.count(),
        Alias.objects.count(),
        Activity.objects.count(),
    ) == counts
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def assert_demo_data_uses_every_place_and_only_valid_vocabulary():
    one_place = Activity.objects.filter(coverage=Activity.Coverage.PLACE)
    assert set(one_place.values_list("place__slug", flat=True).distinct()) == set(
        Place.objects.values_list("slug", flat=True)
    )
    assert Activity.objects.filter(coverage=Activity.Coverage.REGION).count() == 111
    assert not Activity.objects.filter(shared_experiences=None).exists()
    assert Activity.objects.filter(organisation=None).exists()
    for activity in Activity.objects.order_by("?")[:150]:
        activity.full_clean(exclude=["shared_experiences"])


# What the production settings need; each test leaves out what it is about.
PRODUCTION_ENV = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "psd.example.org", "DATABASE_URL": ""}


def settings_import(env):
    """Import scoping.settings in a new process with ``env`` and none of the shell's
    settings variables (the test run's own are the local configuration)."""
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_ENV", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import scoping.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "url,seconds",
    [
        ("postgres://u@db.example.org:5432/psd", "5"),
        ("postgres://u@db.example.org:5432/psd?connect_timeout=20", "20"),
    ],
)
def test_an_unanswering_database_host_fails_in_seconds(url, seconds):
    """Without a connect timeout, a page (and /healthz) would wait minutes for the system's
    TCP timeout when the database host does not answer; the URL's own timeout wins."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import scoping.settings as s; print(s.DATABASES['default']['OPTIONS']['connect_timeout'])",
        ],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == seconds, result.stderr


def test_debug_is_off_unless_turned_on():
    assert settings_import(PRODUCTION_ENV).stdout.split()[0] == "False"
    assert settings_import({**PRODUCTION_ENV, "DEBUG": ""}).stdout.split()[0] == "False"
    assert settings_import({"DEBUG": "1"}).stdout.split()[0] == "True"


@pytest.mark.parametrize("variable", ["SECRET_KEY", "ALLOWED_HOSTS"])
@pytest.mark.parametrize("production", [{}, {"DEBUG": "0"}, {"DJANGO_ENV": "production"}])
def test_production_refuses_to_start_without_each_required_variable(variable, production):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != variable}
    result = settings_import({**env, **production})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {variable} must be set when DEBUG is off" in result.stderr
    assert "DEBUG=1" in result.stderr  # and what to do locally


def test_production_refuses_debug():
    result = settings_import({**PRODUCTION_ENV, "DJANGO_ENV": "production", "DEBUG": "1"})
    assert result.returncode != 0
    assert "unset DEBUG" in result.stderr


def test_production_starts_with_a_secret_key_and_hosts():
    result = settings_import(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_local_runs_need_only_debug():
    result = settings_import({"DEBUG": "1", "DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgres():
    result = settings_import({"DEBUG": "1", "DATABASE_URL": "postgres://u:p@db.example:5432/psd"})
    assert result.stdout.split() == ["True", "django.db.backends.postgresql"]


def test_settings_are_british():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"

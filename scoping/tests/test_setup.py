"""`make run`'s steps: settings from the environment, and a set-up that is safe to repeat."""

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


@pytest.mark.django_db
def test_setup_is_idempotent():
    first = run_setup()
    counts = (
        Place.objects.count(),
        SharedExperience.objects.count(),
        Alias.objects.count(),
        Activity.objects.count(),
    )
    assert counts[:3] == (6, 27, 84)
    assert counts[3] == 150
    assert "password:" in first
    second = run_setup()
    assert "password" not in second.replace("password unchanged", "")
    assert (
        Place.objects.count(),
        SharedExperience.objects.count(),
        Alias.objects.count(),
        Activity.objects.count(),
    ) == counts
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_the_printed_password_signs_the_admin_in(client):
    output = run_setup()
    password = output.split("password: ")[1].split()[0]
    response = client.post("/accounts/login/", {"username": "admin", "password": password})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_setup_keeps_an_edited_alias():
    alias = Alias.objects.get(vocabulary="sector", spelling="Charity")
    alias.canonical = "community"
    alias.save()
    run_setup()
    alias.refresh_from_db()
    assert alias.canonical == "community"


@pytest.mark.django_db
def test_demo_data_uses_every_place_and_only_valid_vocabulary():
    run_setup()
    assert set(Activity.objects.values_list("place__slug", flat=True).distinct()) == set(
        Place.objects.values_list("slug", flat=True)
    )
    assert not Activity.objects.filter(shared_experiences=None).exists()
    assert Activity.objects.filter(organisation=None).exists()
    for activity in Activity.objects.all()[:150]:
        activity.full_clean(exclude=["shared_experiences"])


def settings_import(env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ENV"}}
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


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_import({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    result = settings_import({"DJANGO_ENV": "production"})
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = settings_import({"DEBUG": "0", "SECRET_KEY": "x" * 60, "DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_database_url_selects_postgres():
    result = settings_import({"DATABASE_URL": "postgres://u:p@db.example:5432/psd"})
    assert result.stdout.split() == ["True", "django.db.backends.postgresql"]


def test_settings_are_british():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"

"""Passwords are stored with Argon2id; older hashes still sign in and are upgraded."""

import importlib

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher, make_password

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROJECT_HASHERS = importlib.import_module("scoping.settings").PASSWORD_HASHERS


@pytest.fixture
def real_hashers(settings):
    """The project's hashers (the tests' fast one is set for every other test)."""
    settings.PASSWORD_HASHERS = PROJECT_HASHERS


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_new_passwords_are_argon2id_at_owasps_minimum(real_hashers, django_user_model):
    user = django_user_model.objects.create_user("ann", password=PASSWORD)
    algorithm, variety, version, parameters, *_ = user.password.split("$")
    assert (algorithm, variety, version) == ("argon2", "argon2id", "v=19")
    assert parameters == "m=19456,t=2,p=1"
    assert identify_hasher(user.password).algorithm == "argon2"


def test_a_pbkdf2_password_still_signs_in_and_is_rehashed(real_hashers, django_user_model, client):
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user = django_user_model.objects.create_user("ben")
    django_user_model.objects.filter(pk=user.pk).update(password=old)
    response = sign_in(client, "ben", PASSWORD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_argon2_with_other_parameters_is_rehashed_too(real_hashers, django_user_model, client):
    django_default = Argon2PasswordHasher()  # 100 MiB, 8 lanes
    old = django_default.encode(PASSWORD, django_default.salt())
    assert "m=19456" not in old
    user = django_user_model.objects.create_user("cat")
    django_user_model.objects.filter(pk=user.pk).update(password=old)
    assert sign_in(client, "cat", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password


def test_a_wrong_password_changes_nothing(real_hashers, django_user_model, client):
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user = django_user_model.objects.create_user("dan")
    django_user_model.objects.filter(pk=user.pk).update(password=old)
    response = sign_in(client, "dan", "not-the-password-at-all")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    user.refresh_from_db()
    assert user.password == old

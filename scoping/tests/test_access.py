"""Signing in and out. (Every URL's answer per role is in test_role_matrix.py.)"""

import pytest

pytestmark = pytest.mark.django_db


def test_login_and_logout_are_djangos_own(client, champion):
    from conftest import PASSWORD

    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert "Sign in" in page.content.decode()
    response = client.post("/accounts/login/", {"username": "champion", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_a_wrong_password_says_so(client, champion):
    response = client.post("/accounts/login/", {"username": "champion", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()

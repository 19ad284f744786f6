"""Nothing is public: every URL sends an anonymous visitor to a login page."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC = {"/accounts/login/", "/admin/login/"}


def all_urls(patterns=None, prefix=""):
    """Every URL of the project, with path converters filled with plausible values."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from all_urls(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + fill(route)


def fill(route):
    import re

    route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
    route = re.sub(r"<(?:int:|path:)?\w+>", "1", route)
    route = re.sub(r"<(?:slug:|str:)\w+>", "leeds", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return route


URLS = sorted(set(all_urls()) - PUBLIC)


def test_the_url_list_is_not_empty():
    assert "/" in URLS
    assert "/admin/activities/activity/" in URLS


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code in (302, 404), (url, response.status_code)
    if response.status_code == 302:
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), (
            url,
            response["Location"],
        )


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

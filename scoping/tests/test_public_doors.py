"""The doors for the public: from the sign-in page to the share form and the About page,
which anyone may read; the API's 401 says how to ask for a token."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_leads_to_the_share_form_about_and_password_reset(client):
    page = client.get("/", follow=True).content.decode()
    assert 'href="/activities/share/"' in page
    assert 'href="/about/"' in page
    assert 'href="/accounts/password_reset/"' in page


def test_about_is_public_and_says_what_the_directory_is_and_how_to_get_api_access(client):
    response = client.get("/about/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "not exhaustive and it is not a signposting service" in page
    assert "‘peer to peer’ aspect (shared lived experience)" in page
    assert 'id="api-access"' in page and "To ask for a token" in page
    assert 'href="/activities/share/"' in page
    # The footer's About link leads to this page, not back to sign-in.
    assert 'class="govuk-footer__link" href="/about/"' in page


def test_about_says_when_the_api_is_open(client, settings):
    settings.API_PUBLIC = True
    page = client.get("/about/").content.decode()
    assert "no token is needed" in page and "To ask for a token" not in page


def test_signed_in_the_footer_still_leads_to_the_studys_about(client, analyst):
    client.force_login(analyst)
    page = client.get("/").content.decode()
    assert 'class="govuk-footer__link" href="/study/about/"' in page


def test_the_apis_401_says_how_to_ask_for_a_token(client):
    response = client.get("/api/services")
    assert response.status_code == 401
    assert "/about/#api-access" in response.json()["detail"]
    assert client.get(response.json()["token_request"].split("8000")[1]).status_code == 200

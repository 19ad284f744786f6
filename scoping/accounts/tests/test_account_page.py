"""One's own account page: role, two-factor status, sign-ins, and the e-mails offered."""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_account_page_offers_the_digest_to_champions_only(client, analyst, champion):
    client.force_login(analyst)
    page = client.get("/accounts/").content.decode()
    assert "Analysts" in page and 'name="digest"' not in page
    client.force_login(champion)
    assert 'name="digest"' in client.get("/accounts/").content.decode()


def test_it_shows_the_role_two_factor_status_and_recent_sign_ins(client, champion):
    client.post("/accounts/login/", {"username": "champion", "password": PASSWORD})
    page = client.get("/accounts/").content.decode()
    assert "Champions" in page
    assert 'Two-factor sign-in</dt><dd class="govuk-summary-list__value">Off' in page
    assert "127.0.0.1" in page  # the sign-in just made

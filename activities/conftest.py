"""Fixtures for the Open Referral UK API's tests."""

import pytest
from django.core.cache import cache

from activities.api.models import ApiPartner


@pytest.fixture
def api_settings(settings):
    """Partner mode with a rate limit no test reaches, and no rate history."""
    settings.API_PUBLIC = False
    settings.API_RATE_LIMIT = "100000/minute"
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def partner(db):
    """An API partner and its token: (partner, token)."""
    partner = ApiPartner(name="Kirklees Council directory")
    token = partner.issue_token()
    partner.save()
    return partner, token


@pytest.fixture
def api(client, api_settings, partner):
    """A client that sends the partner's token: ``api.get(url)`` returns the response."""
    _, token = partner
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client

"""Schemathesis against our own OpenAPI document (the one /api/openapi.json serves):
every operation, generated parameters (valid and invalid), each answer checked
against the document (status codes, content type, response schemas, headers,
authentication). The run is bounded: a fixed number of examples an operation."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from activities.api.tests.oruk import make_known_directory

EXAMPLES = 30


def openapi_document():
    """What /api/openapi.json serves in partner mode (checked by the test below)."""
    return SchemaGenerator().get_schema(request=None, public=True)


# Unknown query parameters are ignored, as HTTP APIs do (a partner may send the
# profile's parameters this directory has no data for, such as postcode), so the
# run does not count an extra parameter as invalid data. The token is sent with every
# request below; the "ignored auth" check still tries each operation without it.
# A NUL character anywhere in an address is refused by the site's own middleware
# before any view (a plain-text 400: scoping/serving/middleware.py, tested there).
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {
            "allow-extra-parameters": False,
            "with-security-parameters": False,
            "allow-x00": False,
        }
    }
)
schema = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG)
schema.app = get_wsgi_application()


@pytest.fixture
def token(db, api_settings, partner):
    """The partner's token, with the app served as a real WSGI application inside the
    test's transaction: as Django's test client does, the request signals must not
    close the connection (which holds the transaction) between requests."""
    make_known_directory()
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield partner[1]
    for signal in signals:
        signal.connect(close_old_connections)


def test_the_document_checked_is_the_one_served(api):
    served = api.get("/api/openapi.json").json()
    assert served == schemathesis.openapi.from_dict(openapi_document()).raw_schema


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_conforms_to_its_openapi_document(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})

"""Fixtures for the browser tests: one served app and one Chromium for the whole run."""

import pytest

from scoping.tests.browser_support import chromium, served_app, shared


@pytest.fixture(scope="session")
def server(request, tmp_path_factory):
    """(base URL, admin password, database URL) of the app served as `make run` serves it."""
    return shared("server", lambda: served_app(tmp_path_factory, request), request)


@pytest.fixture(scope="session")
def browser(request, django_db_setup):
    # The suite's database is set up first (the server's is a copy of it): not from
    # inside Playwright's event loop, where Django refuses database work.
    return shared("browser", chromium, request)

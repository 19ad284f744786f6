"""Fixtures for the browser tests: one served app and one Chromium for the whole run."""

import pytest

from .browser_support import chromium, served_app


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """(base URL, admin password, database URL) of the app served as `make run` serves it."""
    yield from served_app(tmp_path_factory)


@pytest.fixture(scope="session")
def browser():
    yield from chromium()

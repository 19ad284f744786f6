"""Data loaded once for a whole test module, not once a test.

Loading the demo directory (the study's 602 activities) and its highlights takes about
0.6 s; modules whose every test reads them paid that for each test. ``loaded_once``
makes a module-scoped fixture that loads them in a transaction of its own: each test's
own transaction is a savepoint inside it (what a test changes is rolled back after the
test, as ever), and the module's transaction is rolled back after its last test.

A test of the module that does not ask for the fixture, but runs after one that did,
finds the data there too: use it only in modules whose other tests do not depend on
what the database holds. Not for modules with ``transactional_db`` tests (they empty
the database, which a transaction left open would see).
"""

import pytest
from django.db import transaction


def loaded_once(*loaders):
    """A module-scoped fixture that runs each of ``loaders`` once, in order, for the
    module's tests (see the module's docstring)."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            for load in loaders:
                load()
            yield
            transaction.set_rollback(True)

    return fixture

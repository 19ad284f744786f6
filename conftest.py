"""Project-wide fixtures: reference data in every test database, a user per role."""

import os

import pytest
from django.contrib.auth.models import Group
from hypothesis import is_hypothesis_test
from hypothesis import settings as hypothesis_settings

from activities.reference.services import reference_data_load
from scoping.accounts.roles import ANALYSTS, CHAMPIONS, COMMISSIONERS, INTERVIEW_TEAM
from scoping.jobs.models import Job

PASSWORD = "a-long-test-password-9"

# Scratch databases for tests that run commands in subprocesses (backups, restores).
pytest_plugins = ["scoping.tests.scratch_databases"]

# How many examples a hypothesis test runs is the profile's business, never a test's:
# a few on every local run, so `make test` stays quick, and a fixed sequence in CI
# (.ci/run sets CI=1), so a landing never hangs on a lucky draw; local runs keep exploring
# new ones (and hypothesis remembers failures). CI's PostgreSQL pass is its thorough one:
# 25 examples a test, and 50 for the tests that have found a bug (``FOUND_BUGS`` in
# scoping/tests/hostile.py); its SQLite pass runs 15 a test (HYPOTHESIS_PROFILE=ci-quick).
# Loaded here, before any test module is imported, because a module's own
# ``settings(...)`` object takes what it does not set from the profile loaded then.
hypothesis_settings.register_profile("local", max_examples=25)
hypothesis_settings.register_profile("ci", max_examples=25, derandomize=True, database=None)
hypothesis_settings.register_profile("ci-quick", max_examples=15, derandomize=True, database=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "local")
)


def pytest_collection_modifyitems(config, items):
    """Property tests and browser tests are ``slow`` wherever they are: ``make test-fast``
    (``-m "not slow"``) leaves them out; ``make test`` and CI run everything. Load-shaped
    tests (servers, backups, whole-site sweeps) carry the mark themselves.

    Browser tests are also ``browser``: they drive an app served on a scratch SQLite
    database of its own (scoping/tests/browser_support.py), whatever database the suite
    runs on, so CI runs them once, in its SQLite pass. Tests that touch no database at all
    are ``database_free`` (below): CI runs them once, in its PostgreSQL pass."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        browser = {"browser", "server"} & fixtures
        if browser:
            item.add_marker(pytest.mark.browser)
        if browser or is_hypothesis_test(getattr(item, "obj", None)):
            item.add_marker(pytest.mark.slow)
        if not browser and not item.get_closest_marker("django_db") and not DATABASES & fixtures:
            item.add_marker(pytest.mark.database_free)


# A test that asks for none of these never touches the database the suite runs on
# (pytest-django refuses a query from a test without the ``db`` fixtures or mark, and the
# scratch databases are copies of the suite's own kind), so it gives the same answer on
# SQLite and PostgreSQL: CI runs it once (``database_free``, .ci/run).
DATABASES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "admin_user",
    "admin_client",
    "django_user_model",
    "prepared_template",
    "prepared_copy",
    "scratch_urls",
    "shared_database",
}


FIGURE_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
NO_FIGURE_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    """A test's writes never commit, so the data version never moves within it:
    figures are computed afresh unless a test asks for ``figure_cache``.

    Passwords are hashed with a fast hasher: the real one is slow on purpose, and
    every test that creates or signs in a user would pay for it. Each test has its
    own withdrawal ledger and backups folder (interviews/erasure/storage.py).
    """
    settings.CACHES = {**settings.CACHES, "figures": NO_FIGURE_CACHE}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    folder = tmp_path_factory.mktemp("erasure")
    settings.INTERVIEWS_WITHDRAWAL_LEDGER = folder / "withdrawn.jsonl"
    settings.BACKUPS_DIR = folder / "backups"


@pytest.fixture
def figure_cache(settings):
    """The real figures cache, empty, and no facet index in this process's memory (one
    prepared for an earlier test's data); use with ``django_capture_on_commit_callbacks``."""
    from django.core.cache import caches

    from activities.directory import facet_index

    settings.CACHES = {**settings.CACHES, "figures": FIGURE_CACHE}
    caches["figures"].clear()
    facet_index._process.update(key=None, index=None)
    yield caches["figures"]
    caches["figures"].clear()
    facet_index._process.update(key=None, index=None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request, tmp_path_factory):
    """The places, taxonomy and aliases every real database has after set-up; copied as
    the scratch databases' template when a test of the run needs one.

    pytest-django sets up the suite's database only when a collected test uses it (the
    browser tests alone do not: they serve a database of their own)."""
    from pytest_django.fixtures import _get_databases_for_setup

    from scoping.tests.scratch_databases import template_from_suite_database  # a plugin

    suite_database = "default" in _get_databases_for_setup(request.session.items)[0]
    if suite_database:
        with django_db_blocker.unblock():
            reference_data_load()
            # Its data change ran a recount job (the tests' immediate backend): no test
            # starts with a job of its own.
            Job.objects.all().delete()
    with template_from_suite_database(
        request.session, tmp_path_factory, django_db_blocker, copy=suite_database
    ):
        yield


# The cast: one user per role, as the README's roles table has them. Champions and
# the Interview team have staff status (they enter data in the admin); Analysts and
# Commissioners do not. The role matrix (scoping/tests/test_role_matrix.py) checks
# every URL against exactly these users.
STAFF_ROLES = {CHAMPIONS, INTERVIEW_TEAM}


@pytest.fixture
def make_user(django_user_model):
    """A user with the given role (or none) and the staff status that role has.

    For a second user of a role, or a user the cast does not hold (a role-less
    staff account); ``is_staff`` overrides the role's staff status.
    """

    def make(username, role=None, *, is_staff=None):
        if is_staff is None:
            is_staff = role in STAFF_ROLES
        user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=is_staff)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def champion(make_user):
    return make_user("champion", CHAMPIONS)


@pytest.fixture
def analyst(make_user):
    return make_user("analyst", ANALYSTS)


@pytest.fixture
def staff_analyst(make_user):
    """The analyst, given staff status by an administrator (as one could): what the
    admin then lets them do is down to the Analysts' permissions, which tests pin."""
    return make_user("analyst", ANALYSTS, is_staff=True)


@pytest.fixture
def interviewer(make_user):
    return make_user("interviewer", INTERVIEW_TEAM)


@pytest.fixture
def commissioner(make_user):
    return make_user("commissioner", COMMISSIONERS)


@pytest.fixture
def nobody(make_user):
    """Signed in, but in no group and without staff status."""
    return make_user("nobody")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password=PASSWORD)


@pytest.fixture
def client_for(client):
    """Log the test client in as the given user and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login

"""Two app servers on one database see each other's writes as soon as they are counted.

Each server is a real gunicorn on its own port, as behind a load balancer. An
administrator signs in through one (the session must then be good on both), every
figure is looked at through both (so each has it cached), an activity is added
through the admin of server A, and server B must show it in the directory's count
and facets and in the region and place reports as soon as the job worker (a third
process) has recounted the figures, as the write asked it to. Once with each
process's own local-memory cache (the data version retires stale figures), once
with a shared Redis cache (CACHE_URL), where B must reuse what A computed.

The database is the suite's kind: a PostgreSQL database copied from the run's prepared
template and dropped here when DATABASE_URL is PostgreSQL (CI's second pass), otherwise
a SQLite file both servers share. Redis is a private redis-server this test starts.
"""

import os
import re
import shutil
from contextlib import ExitStack

import pytest

from conftest import PASSWORD
from scoping.jobs.tests.worker_process import wait_for, worker
from scoping.tests.app_servers import Browser, gunicorn, prepare_database, redis_server, server_env
from scoping.tests.scratch_databases import prepared_copy

# Load-shaped: two app servers and a Redis of its own.
pytestmark = [pytest.mark.slow, pytest.mark.ci_postgres_only]  # make serve: PostgreSQL

SEEDED = 40


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory, prepared_template, django_db_blocker):
    """A database of the suite's kind (a copy of the run's prepared one: migrated, with the
    reference data), seeded for the app servers; yields (url, ids)."""
    with django_db_blocker.unblock():
        url, drop = prepared_copy(prepared_template, tmp_path_factory.mktemp("shared"))
    try:
        yield url, prepare_database(url, activities=SEEDED, password=PASSWORD)
    finally:
        with django_db_blocker.unblock():
            drop()


def number(pattern, page):
    return int(re.search(pattern, page).group(1).replace(",", ""))


def figures(browser, base):
    """What a person sees of the counts through one server."""
    directory = browser.get(base + "/activities/")
    leeds_only = browser.get(base + "/activities/?place=leeds&shared_experience=anxiety")
    facet = r'>{}\s*<span class="psd-facet__count">\((\d+)\)'
    return {
        "directory total": number(r'id="match-count"[^>]*>([\d,]+)', directory),
        "directory facet Leeds": number(facet.format("Leeds"), directory),
        "directory facet Anxiety": number(facet.format("Anxiety"), directory),
        "Leeds with anxiety, total": number(r'id="match-count"[^>]*>([\d,]+)', leeds_only),
        "region report total": number(
            r'id="headline-total">([\d,]+)', browser.get(base + "/reports/")
        ),
        "Leeds report total": number(
            r'id="headline-total">([\d,]+)', browser.get(base + "/reports/leeds/")
        ),
    }


def figure_keys(cache_url):
    import redis

    return sorted(redis.Redis.from_url(cache_url).scan_iter("psd-figures:*"))


def shared_cache(stack, log_dir):
    if not shutil.which("redis-server"):
        message = "redis-server is not installed: apt-get install redis-server"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it (.ci/run), so there it must run
        pytest.skip(message)  # a newcomer's `make test` needs only Python
    return stack.enter_context(redis_server(log_dir))


@pytest.mark.parametrize("cache", ["local memory", "shared redis"])
def test_two_app_servers_see_each_others_writes_at_once(cache, shared_database, tmp_path):
    database_url, ids = shared_database
    with ExitStack() as stack:
        cache_url = shared_cache(stack, tmp_path) if cache == "shared redis" else None
        cache_env = {"CACHE_URL": cache_url} if cache_url else {}
        # A recount starts as soon as a write asks (not 15 s after the seeding's).
        cache_env["FIGURES_RECOUNT_GAP_SECONDS"] = "0"
        env = server_env(database_url, **cache_env)
        server_a = stack.enter_context(gunicorn(env, tmp_path, "a"))
        server_b = stack.enter_context(gunicorn(env, tmp_path, "b"))
        # The recount after a write is a job (issue 30): a worker on a third process.
        stack.enter_context(worker(database_url, tmp_path / "worker.log", **cache_env))
        browser = Browser()
        browser.sign_in(server_a, "root", PASSWORD)

        before = figures(browser, server_a)
        if cache_url:
            computed_by_a = figure_keys(cache_url)
            assert computed_by_a
        assert figures(browser, server_b) == before
        if cache_url:
            assert figure_keys(cache_url) == computed_by_a  # B computed nothing again

        page, landed = browser.post(
            server_a + "/admin/activities/activity/add/",
            {
                "name": f"Scale-out walk and talk ({cache})",
                "place": ids["leeds"],
                "sector": "third_sector",
                "main_focus": "mental_health",
                "shared_experiences": [ids["anxiety"]],
                "delivery_model": "activity_group",
                "funding_type": "unknown",
                "online": "unknown",
                "self_described_peer_support": "true",
                "status": "active",
                "date_scoped": "12/03/2020",
                "scoped_by_name": "AB",
            },
        )
        assert landed == server_a + "/admin/activities/activity/", page[:3000]

        # Once the worker has recounted (a job a write asks for; readers keep the previous
        # figures meanwhile), each server shows the new activity in every figure.
        one_more = {name: count + 1 for name, count in before.items()}
        wait_for(lambda: figures(browser, server_b) == one_more, what="B's figures to move")
        assert figures(browser, server_a) == one_more

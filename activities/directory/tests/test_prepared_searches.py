"""A new data version's directory counts and recent searches are ready before it is
published: the first reader after a change waits for no ranking (issue 30, readers' p95)."""

import time
from unittest import mock

import pytest

from activities.directory import asked
from activities.directory.querysets import ActivityQuerySet
from activities.records.data_version import current_token
from activities.tests.directory_data import make_directory, shown_names
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db


def searching_spy():
    """``ActivityQuerySet.search`` as it is, recording each call: a call is a search run."""
    return mock.patch.object(ActivityQuerySet, "search", autospec=True, side_effect=_search)


_search = ActivityQuerySet.search


def test_a_write_prepares_the_searches_people_made(
    client_for, analyst, figure_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_directory()
    client = client_for(analyst)
    with searching_spy() as searched:
        before = client.get("/activities/?q=walk")
    assert searched.call_count == 1  # its matches are the ranking's: one search, not two
    assert asked.searches_asked() == ["walk"]
    token = current_token()

    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Garden Walk", place="wakefield")
    assert current_token() != token
    with searching_spy() as searched:
        after = client.get("/activities/?q=walk")
        ticked = client.get("/activities/?q=walk&place=wakefield")
    assert searched.call_count == 0  # ranked by the write, before its token was published
    # and ranked at the data as they are after the write
    assert after.context["total"] == before.context["total"] + 1
    assert "Garden Walk" in shown_names(after)
    assert shown_names(ticked) == ["Garden Walk"]

    with searching_spy() as searched:  # a search nobody made before is run when asked
        assert client.get("/activities/?q=garden").context["total"] == 1
    assert searched.call_count == 1


def test_preparing_a_search_does_not_keep_it_recent(
    client_for, analyst, figure_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_directory()
    nearly_stale = time.time() - asked.RECENT_SECONDS + 60
    asked.search_asked("walk", now=nearly_stale)  # a reader's search, nine minutes ago
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Garden Walk", place="wakefield")  # its recount ranks "walk" again
    assert asked.searches_asked() == ["walk"]
    # but only a reader's search keeps it recent: a minute on, it is no longer prepared
    assert asked.searches_asked(now=time.time() + 61) == []


def test_a_search_between_dates_still_runs_its_own_query(
    client_for, analyst, figure_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_directory()
        make_activity("Old Walk", place="leeds", date_scoped="2005-05-01")
    client = client_for(analyst)
    with searching_spy() as searched:
        response = client.get("/activities/?q=walk&scoped_to=2005-12-31")
    assert searched.call_count == 2  # the matches between the dates, and their ranking
    assert shown_names(response) == ["Old Walk"]


def test_only_the_recent_searches_are_kept_and_the_newest_first(figure_cache):
    for n in range(asked.KEEP + 5):
        asked.search_asked(f"word {n}", now=1000.0 + n)
    now = 1000.0 + asked.KEEP + 5
    recent = asked.searches_asked(now=now)
    assert len(recent) == asked.KEEP
    assert recent[0] == f"word {asked.KEEP + 4}" and "word 0" not in recent
    assert asked.searches_asked(now=now + asked.RECENT_SECONDS + 1) == []
    asked.search_asked("", now=now)  # an empty search is no search
    assert "" not in asked.searches_asked(now=now)


def test_nothing_is_noted_with_the_figures_cache_turned_off(client_for, analyst):
    make_directory()
    client_for(analyst).get("/activities/?q=walk")
    assert asked.searches_asked() == []

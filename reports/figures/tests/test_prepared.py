"""Report counts are ready before the first report page asks: after a write, and at start."""

import logging
import re
from unittest import mock

import pytest
from django.db import OperationalError

from activities.directory import facet_index
from activities.records.data_version import current_token
from activities.tests.factories import make_activity
from activities.vocabulary.terms import Status
from reports.figures import summaries
from reports.figures.prepared import warm_start

pytestmark = pytest.mark.django_db


def counting_spy():
    """``activity_counts`` as it is, recording each call: a call is a report counted."""
    return mock.patch.object(summaries, "activity_counts", wraps=summaries.activity_counts)


def test_a_write_prepares_the_default_report_counts(
    client_for, commissioner, figure_cache, django_capture_on_commit_callbacks
):
    client = client_for(commissioner)
    for place, total in [("leeds", 1), ("wakefield", 2)]:
        with django_capture_on_commit_callbacks(execute=True):
            make_activity(f"{place} walk", place=place, status=Status.ACTIVE)
        with counting_spy() as counted:
            region = client.get("/reports/")
            one_place = client.get(f"/reports/{place}/")
            # Counting a place's shared and region-wide ones too adds up the same counts.
            wider = client.get(f"/reports/{place}/?include_shared=1")
        assert counted.call_count == 0  # counted by the write, before its token was published
        assert wider.context["report"].options.include_shared
        assert region.context["report"].total == total
        assert one_place.context["report"].total == 1
    # other options are as many as the dates people type: counted when asked for
    with counting_spy() as counted:
        active = client.get("/reports/?status=active")
    assert active.status_code == 200 and active.context["report"].total == 2
    assert counted.call_count == 1


def test_a_starting_server_has_the_figures_of_the_data_as_they_are(
    client_for,
    commissioner,
    figure_cache,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Leeds Walk", place="leeds")
    figure_cache.clear()  # a new server, with an empty cache and nothing in memory
    facet_index._process.update(key=None, index=None)

    warm_start()

    token = current_token()
    with django_assert_num_queries(1):  # the token: the index is in this process's memory
        assert facet_index.current_index().token == token
    with counting_spy() as counted:
        assert client_for(commissioner).get("/reports/").context["report"].total == 1
    assert counted.call_count == 0


def test_a_server_starts_when_its_database_cannot_be_read_yet(figure_cache, caplog):
    failing = mock.patch(
        "reports.figures.prepared.current_token", side_effect=OperationalError("connection refused")
    )
    with failing, caplog.at_level(logging.WARNING, logger="reports.figures.prepared"):
        warm_start()  # raises nothing: the first pages count for themselves
    assert "Figures not prepared at start" in caplog.text
    assert facet_index._process["index"] is None


def test_nothing_is_prepared_with_the_figures_cache_turned_off(django_assert_num_queries):
    with django_assert_num_queries(0):
        warm_start()


CACHED_SECTIONS = {
    "reports/figures/_places_table.html",
    "reports/figures/_gap_finder.html",
    "reports/figures/_breakdown_section.html",
}


def page_text(response):
    """The page, without its sign-out form's CSRF token (masked afresh for each response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def rendered(response):
    return {template.name for template in response.templates}


def test_a_write_renders_the_default_pages_sections_before_publishing(
    client_for, commissioner, figure_cache, django_capture_on_commit_callbacks
):
    from django.core.cache import caches

    client = client_for(commissioner)
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Leeds Walk", place="leeds", status=Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Wakefield Walk", place="wakefield", status=Status.ACTIVE)

    region, leeds = client.get("/reports/"), client.get("/reports/leeds/")
    # rendered by the write, before its token was published: no section drawn here
    assert not rendered(region) & CACHED_SECTIONS
    assert not rendered(leeds) & CACHED_SECTIONS
    assert region.context["report"].total == 2 and leeds.context["report"].total == 1
    assert "Wakefield Walk" not in region.content.decode()  # (counts only, as ever)

    caches["default"].clear()  # the same pages with every section drawn as they are asked for
    region_drawn, leeds_drawn = client.get("/reports/"), client.get("/reports/leeds/")
    assert rendered(region_drawn) >= CACHED_SECTIONS
    assert "reports/figures/_breakdown_section.html" in rendered(leeds_drawn)
    assert page_text(region_drawn) == page_text(region)
    assert page_text(leeds_drawn) == page_text(leeds)

    # other options are prepared by nobody: drawn when asked for
    active = client.get("/reports/?status=active")
    assert "reports/figures/_breakdown_section.html" in rendered(active)

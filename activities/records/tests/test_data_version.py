"""The data version: every kind of write retires cached facet counts, and a hit saves queries."""

import pytest
from django.db import transaction

from activities.demo.seeding import activities_seed
from activities.master_sheet.apply import master_sheet_import
from activities.models import Activity, ImportRun, Organisation, Place, SharedExperience
from activities.records.data_version import current_token
from activities.reference.services import activities_create
from activities.tests.directory_data import make_directory
from activities.tests.factories import make_activity
from activities.tests.workbooks import CANONICAL, row, workbook_bytes

pytestmark = pytest.mark.django_db


def match_count(client, query=""):
    return client.get(f"/activities/?{query}").context["total"]


def facet_count(client, group, value, query=""):
    facets = client.get(f"/activities/?{query}").context["facets"]
    options = next(f["options"] for f in facets if f["name"] == group)
    return next(o["count"] for o in options if o["value"] == value)


def test_a_write_gives_a_new_token_only_when_it_commits(django_capture_on_commit_callbacks):
    before = current_token()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_activity("Leeds Walk", place="leeds")
        make_activity("Leeds Talk", place="leeds")
    assert len(callbacks) == 1  # many writes in one transaction ask for one new token
    assert current_token() != before


def test_a_rolled_back_write_leaves_the_token_alone(django_capture_on_commit_callbacks):
    before = current_token()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                make_activity("Leeds Walk", place="leeds")
                raise RuntimeError("abandon")
        except RuntimeError:
            pass
    assert callbacks == []
    assert current_token() == before


def test_repeat_views_reuse_the_counts(
    client_for, analyst, figure_cache, django_assert_num_queries
):
    from activities.directory.tests.test_directory_views import LIST_QUERIES_CACHED

    make_directory()
    client = client_for(analyst)
    for query in ["", "place=leeds&sector=third_sector"]:
        first = client.get(f"/activities/?{query}")
        # the data version is read once, for the index, whose token keys the counts
        with django_assert_num_queries(LIST_QUERIES_CACHED):
            again = client.get(f"/activities/?{query}&page=1&order=-date_scoped")
        assert again.context["total"] == first.context["total"]
        assert again.context["facets"] == first.context["facets"]


def test_filter_order_does_not_matter_to_the_cache(client_for, analyst, figure_cache):
    make_directory()
    client = client_for(analyst)

    def counts_kept():
        return [key for key in figure_cache._cache if "directory-facets" in key]

    client.get("/activities/?sector=nhs&sector=third_sector&place=leeds")
    assert len(counts_kept()) == 1
    client.get("/activities/?place=leeds&sector=third_sector&sector=nhs")
    assert len(counts_kept()) == 1


def _writes():
    """(label, write) for every way the directory's data change."""

    def save():
        activity = Activity.objects.get(name="Armley Walk and Talk")
        activity.place = Place.objects.get(slug="bradford-craven")
        activity.save()

    def delete():
        Activity.objects.filter(name="Armley Walk and Talk").delete()

    def relink():
        activity = Activity.objects.get(name="Armley Walk and Talk")
        activity.shared_experiences.set(SharedExperience.objects.filter(slug="carers"))

    def rename_organisation():
        Organisation.objects.filter(name="Armley Mind").get().save()

    def create_in_bulk():
        activities_create(rows=[_row("Leeds Bulk Walk")])

    def seed():
        activities_seed(count=5, seed=3, weights={"leeds": 1})

    def import_sheet():
        sheet = [CANONICAL, row("Leeds Imported Walk", experiences="Carers")]
        run, _plan = master_sheet_import(data=workbook_bytes({"Leeds": sheet}), file_name="t.xlsx")
        assert run.outcome == ImportRun.Outcome.APPLIED, run.report_lines()

    return [
        ("admin-style save", save),
        ("delete", delete),
        ("shared experiences changed", relink),
        ("organisation saved", rename_organisation),
        ("bulk creation", create_in_bulk),
        ("seeding", seed),
        ("import", import_sheet),
    ]


def _row(name):
    return {
        "name": name,
        "place": "leeds",
        "organisation": "",
        "sector": "community",
        "main_focus": "mental_health",
        "delivery_model": "support_group",
        "funding_type": "unfunded",
        "status": "active",
        "shared_experiences": ["carers"],
    }


@pytest.mark.parametrize("label, write", _writes(), ids=[label for label, _ in _writes()])
def test_every_write_path_retires_the_cached_counts(
    client_for, analyst, figure_cache, django_capture_on_commit_callbacks, label, write
):
    with django_capture_on_commit_callbacks(execute=True):
        make_directory()
    client = client_for(analyst)
    before = current_token()
    leeds_before = facet_count(client, "place", "leeds")
    carers_before = facet_count(client, "shared_experience", "carers")
    total_before = match_count(client)
    with django_capture_on_commit_callbacks(execute=True):
        write()
    assert current_token() != before, label
    truth = Activity.objects.filter(place__slug="leeds").count()
    carers = Activity.objects.filter(shared_experiences__slug="carers").count()
    assert facet_count(client, "place", "leeds") == truth
    assert facet_count(client, "shared_experience", "carers") == carers
    assert match_count(client) == Activity.objects.count()
    changed = (leeds_before, carers_before, total_before) != (truth, carers, match_count(client))
    assert changed or label == "organisation saved", f"{label} changed nothing to see"


def test_no_token_row_means_no_caching(
    client_for, analyst, figure_cache, django_capture_on_commit_callbacks
):
    from activities.models import DataVersion

    with django_capture_on_commit_callbacks(execute=True):
        make_directory()
    old = str(current_token())
    DataVersion.objects.all().delete()
    client = client_for(analyst)
    assert match_count(client) == Activity.objects.count()
    # nothing is cached without a version (what is kept is the old version's facet index
    # and report counts, prepared by the writes above)
    assert not [key for key in figure_cache._cache if old not in key]
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Leeds Walk", place="leeds")
    assert current_token() is not None  # the next committed write puts the row back
    assert match_count(client) == Activity.objects.count()
    now = str(current_token())
    kept = [key for key in figure_cache._cache if "directory-facets" in key and now in key]
    assert len(kept) == 1  # and the counts (prepared beside the facet index they came from)


def test_a_write_prepares_the_next_index_before_its_token_is_published(
    figure_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Pages never wait for a rebuild: the writer builds the new version's facet index
    and only then publishes the token, so the first page after a change finds it."""
    from activities.directory.facet_index import current_index

    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Leeds Walk", place="leeds")
    token = current_token()
    with django_assert_num_queries(1):  # the token; no build
        index = current_index()
    assert index.token == token and len(index) == 1
    assert any(str(token) in key for key in figure_cache._cache)


def test_a_slower_earlier_write_cannot_publish_over_a_later_one():
    from activities.records.data_version import _claim, _publish

    first, second = _claim(), _claim()
    assert second > first
    _publish(222, second)
    _publish(111, first)  # its preparation finished last: the later token stays
    assert current_token() == 222
    _publish(333, _claim())
    assert current_token() == 333

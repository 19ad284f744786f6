"""The facet index counts what SQL counts, for any filters, and is built once per data version."""

import datetime
import random
import threading
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.db.models import Count, Q
from django.http import QueryDict

from activities.currency.measure import verified_since
from activities.directory import facet_index
from activities.directory import filters as filters_module
from activities.directory.facet_index import current_index
from activities.directory.filters import directory_filters
from activities.directory.tests.test_directory_facets import real_counts
from activities.models import Place, SharedExperience
from activities.tests.factories import make_activity, make_shared_activity
from activities.vocabulary.terms import ENUMERATIONS

pytestmark = pytest.mark.django_db

PLACES = ["leeds", "bradford-craven", "wakefield", "kirklees", "calderdale"]
PLACES += ["harrogate-rural-district"]
EXPERIENCES = ["anxiety", "depression", "carers", "lgbtqi", "hearing-voices", "young-people"]
WORDS = ["walk", "garden", "choir", "peer"]


def varied_directory(rng, count=45):
    """Activities of every kind and value, some fields left empty."""
    today = datetime.date.today()
    for n in range(count):
        fields = {
            enumeration.key: rng.choice(list(enumeration.choices.values))
            for enumeration in ENUMERATIONS
        }
        fields.update(
            online=rng.choice([True, False, None]),
            self_described_peer_support=rng.choice([True, False, None]),
            date_scoped=rng.choice([None, datetime.date(2019, 1 + n % 12, 1)]),
            last_verified=rng.choice([None, today, today - datetime.timedelta(days=400)]),
            notes=rng.choice(WORDS) + " every week",
        )
        experiences = rng.sample(EXPERIENCES, rng.randint(0, 3))
        kind = rng.random()
        if kind < 0.6:
            make_activity(f"Activity {n}", rng.choice(PLACES), experiences=experiences, **fields)
        else:
            places = rng.sample(PLACES, rng.randint(2, 3)) if kind < 0.85 else ()
            make_shared_activity(f"Activity {n}", places, experiences=experiences, **fields)


def random_ticks(rng):
    options = {
        "place": PLACES,
        "coverage": ["place", "places", "region"],
        "shared_experience": EXPERIENCES,
        "online": ["yes", "no", "unknown"],
        "self_described": ["yes", "no", "unknown"],
    }
    for enumeration in ENUMERATIONS:
        options[enumeration.key] = list(enumeration.choices.values)
    ticked = {}
    for name in rng.sample(sorted(options), rng.randint(0, 4)):
        ticked[name] = rng.sample(options[name], rng.randint(1, 2))
    return ticked


def shown(filters):
    """What the directory would show: {facet: {value: count}} from the index."""
    counts, experiences, _checked = filters.facet_counts()
    return {
        group["name"]: {option["value"]: option["count"] for option in group["options"]}
        for group in filters.facets(counts, experiences)
    }, counts["total"]


def test_every_count_matches_sql_for_random_filters():
    rng = random.Random(2021)
    varied_directory(rng)
    for _ in range(25):
        ticked = random_ticks(rng)
        query = "&".join(f"{name}={value}" for name, values in ticked.items() for value in values)
        counts, total = shown(directory_filters(QueryDict(query)))
        assert counts == real_counts(ticked), query
        assert total == directory_filters(QueryDict(query)).qs.count(), query


class TestSearchAndDates:
    """Read-only checks on one directory of ninety, made once for the class: each test's
    own transaction is a savepoint inside the class's, which is rolled back after it."""

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def directory_of_ninety(cls, django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            varied_directory(random.Random(7), count=90)
            yield
            transaction.set_rollback(True)

    @pytest.mark.parametrize(
        "extra",
        ["q=walk", "q=garden&place=leeds", "scoped_from=2019-06-01", "scoped_to=2019-03-01"],
    )
    def test_search_and_dates_narrow_every_count_as_sql_does(self, extra):
        filters = directory_filters(QueryDict(f"{extra}&sector=nhs&sector=third_sector"))
        counts, total = shown(filters)
        assert total == filters.qs.count() > 0
        for name, values in counts.items():
            for value, count in values.items():
                one = directory_filters(QueryDict(f"{extra}&sector=nhs&sector=third_sector"))
                data = one.data.copy()
                data.setlist(name, [value])
                assert count == directory_filters(data).qs.count(), (extra, name, value)


def test_checks_by_place_match_sql():
    rng = random.Random(11)
    varied_directory(rng)
    for query in ["", "place=leeds", "coverage=region&online=no", "q=peer"]:
        filters = directory_filters(QueryDict(query))
        _counts, _experiences, checked = filters.facet_counts()
        grouped = (
            filters.qs.order_by()
            .values("place_id")
            .annotate(
                n=Count("pk"), recent=Count("pk", filter=Q(last_verified__gte=verified_since()))
            )
        )
        assert checked == {g["place_id"]: (g["n"], g["recent"]) for g in grouped}, query


def test_an_empty_directory_counts_nothing():
    counts, total = shown(directory_filters(QueryDict("place=leeds&q=walk")))
    assert total == 0 and all(n == 0 for values in counts.values() for n in values.values())


def built_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Armley Walk", "leeds", experiences=("anxiety",))
        make_shared_activity("Region Line", (), experiences=("carers",))
    return current_index()


def test_one_process_builds_it_and_the_others_read_it_from_the_shared_cache(
    figure_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    built = built_index(django_capture_on_commit_callbacks)
    facet_index._process.update(key=None, index=None)  # another process: nothing in memory
    with django_assert_num_queries(1):  # the data version; the arrays come from the cache
        shared = current_index()
    assert list(shared.pks) == list(built.pks)
    leeds = Place.objects.get(slug="leeds").pk
    assert shared.serving([leeds]).sum() == 2  # its own and the region-wide one
    with django_assert_num_queries(1):  # and then from this process's memory
        assert current_index() is shared


def test_a_change_retires_the_index(figure_cache, django_capture_on_commit_callbacks):
    before = built_index(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Wakefield Choir", "wakefield")
    after = current_index()
    assert len(after) == len(before) + 1
    counts, _total = shown(directory_filters(QueryDict("place=wakefield")))
    assert counts["place"]["wakefield"] == 2  # the choir and the region-wide line


def test_a_process_waits_for_another_one_building_it(
    figure_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Armley Walk", "leeds")
    key = facet_index._key(facet_index.current_token())
    figure_cache.set(f"{key}:building", 1)  # another process has started
    arrays = facet_index.FacetIndex.build()
    threading.Timer(0.2, figure_cache.set, [key, arrays]).start()
    facet_index._process.update(key=None, index=None)
    with django_assert_num_queries(1):  # the data version only: nothing built here
        waited = current_index()
    assert list(waited.pks) == list(arrays["pks"])


def test_the_experience_matrix_knows_every_shared_experience():
    make_activity("Armley Walk", "leeds", experiences=("anxiety", "carers"))
    index = current_index()
    anxiety, carers = (SharedExperience.objects.get(slug=s).pk for s in ("anxiety", "carers"))
    assert index.experience_counts(index.everything()) == {anxiety: 1, carers: 1}


@pytest.mark.parametrize("order", ["name", "place", "date_scoped", "-date_scoped"])
def test_few_results_are_named_by_pk_in_the_same_order_as_sql_gives(order, monkeypatch):
    rng = random.Random(5)
    varied_directory(rng)
    for _ in range(15):
        ticked = random_ticks(rng)
        query = "&".join(f"{n}={v}" for n, values in ticked.items() for v in values)
        query += f"&order={order}"
        by_pk = directory_filters(QueryDict(query))
        named = list(by_pk.results().values_list("pk", flat=True))
        assert by_pk.is_filtered() is False or by_pk.matching_ids() is not None
        monkeypatch.setattr(filters_module, "FEW_RESULTS", -1)  # always the conditions
        by_conditions = directory_filters(QueryDict(query))
        assert by_conditions.matching_ids() is None
        assert named == list(by_conditions.results().values_list("pk", flat=True)), query
        monkeypatch.undo()


def test_the_list_page_shows_the_same_rows_as_the_database_orders_them(client_for, analyst):
    rng = random.Random(3)
    varied_directory(rng, count=60)
    client = client_for(analyst)
    for _ in range(10):
        ticked = random_ticks(rng)
        query = "&".join(f"{n}={v}" for n, values in ticked.items() for v in values)
        filters = directory_filters(QueryDict(query))
        expected = list(filters.qs.order_by("name", "pk").values_list("name", flat=True))
        for page in (1, 2):
            response = client.get(f"/activities/?{query}&page={page}")
            shown = [a.name for a in response.context["page"].object_list]
            page = min(page, max(1, -(-len(expected) // 25)))  # past the end: the last page
            assert shown == expected[(page - 1) * 25 : page * 25], query


def test_search_results_are_named_in_the_order_the_database_ranks_them(client_for, analyst):
    """A search's pages come from every match ranked once (``ranked_pks``) and the
    index's filters: the rows and order the filtered query ranks itself."""
    rng = random.Random(8)
    varied_directory(rng, count=40)
    for n, name in enumerate(["Walk", "Garden Walk", "Walk and Walk Again", "Peer Walk"]):
        make_activity(f"{name} {n}", rng.choice(PLACES), notes="weekly")
    client = client_for(analyst)
    for word in ["walk", "garden", "peer walk"]:
        for _ in range(4):
            ticked = random_ticks(rng)
            query = urlencode([("q", word)] + [(n, v) for n, vs in ticked.items() for v in vs])
            filters = directory_filters(QueryDict(query))
            expected = list(filters.qs.by_relevance(word).values_list("name", flat=True))
            response = client.get(f"/activities/?{query}")
            shown = [a.name for a in response.context["page"].object_list]
            assert shown == expected[:25], query
            assert response.context["total"] == len(expected), query

"""The report counts from the facet index are SQL's counts, for random data and options."""

import datetime
import random

import pytest

from activities.currency.measure import verified_since
from activities.directory.facet_index import current_index
from activities.directory.tests.test_facet_index import varied_directory
from activities.models import Place
from reports.figures import index_counts
from reports.figures.summaries import ReportOptions
from reports.figures.tests import sql_counts

pytestmark = pytest.mark.django_db

DAYS = [None, datetime.date(2019, 3, 1), datetime.date(2019, 9, 1), datetime.date(2019, 12, 31)]


def random_options(rng):
    start, end = sorted(rng.sample(DAYS, 2), key=lambda d: d or datetime.date.min)
    return ReportOptions(active_only=rng.random() < 0.5, scoped_from=start, scoped_to=end)


def test_the_index_counts_what_sql_counts_for_any_options():
    rng = random.Random(12)
    varied_directory(rng, count=70)
    index = current_index()
    places = list(Place.objects.order_by("name"))
    options_tried = [ReportOptions()] + [random_options(rng) for _ in range(12)]
    for options in options_tried:
        for since in (None, verified_since()):
            counted = index_counts.activity_counts(index, options, since)
            assert counted == sql_counts.activity_counts(options, since), (options, since)
        for alone in (False, True):
            assert index_counts.experience_counts_by_place(
                index, options, places, alone=alone
            ) == sql_counts.experience_counts_by_place(options, places, alone=alone), options
    # Not every count is empty: the options above select something.
    region = index_counts.activity_counts(index, ReportOptions())
    assert sum(c["activity_count"] for k, c in region.items() if k != "shared_by_place") == 70


def test_an_empty_directory_counts_nothing():
    index = current_index()
    places = list(Place.objects.all())
    assert index_counts.activity_counts(index, ReportOptions(), verified_since()) == {
        index_counts.SHARED_BY_PLACE: {}
    }
    assert index_counts.experience_counts_by_place(index, ReportOptions(), places) == {}
    assert index_counts.experience_counts_by_place(index, ReportOptions(), places, alone=True) == {}

"""The areas' figures in brief, read in a few queries, are the report pages' own."""

import pytest

from activities.reference.services import demo_data_load
from reports.figures.area_figures import AreaFigures, figures_of, live_figures
from reports.figures.summaries import ReportOptions, report_build

pytestmark = pytest.mark.django_db


def test_the_live_figures_are_the_report_pages_own():
    demo_data_load()
    live = live_figures()
    region = report_build(options=ReportOptions())
    assert live[""] == figures_of(region)
    for figures in region.places:
        slug = figures.place.slug
        assert live[slug] == figures_of(report_build(options=ReportOptions(), place_slug=slug))


def test_an_areas_leading_values_are_the_most_common_first_ties_by_value():
    area = AreaFigures(3, {"k": {"b": 2, "a": 2, "c": 5, "d": 1}})
    assert area.order("k", 3) == ["c", "a", "b"]
    assert area.order("other", 3) == []

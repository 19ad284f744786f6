import datetime
from decimal import Decimal

import pytest

from reports.figures.summaries import ReportOptions, report_build
from reports.figures.tables import per_100k, percent
from reports.tests.dataset import REGION_POPULATION, make_known_activities

pytestmark = pytest.mark.django_db
ALL = ReportOptions()


def rows(breakdown):
    """{label: (count, percent[, region percent])} in page order."""
    if breakdown.compared:
        return {r.label: (r.count, str(r.percent), str(r.region_percent)) for r in breakdown.rows}
    return {r.label: (r.count, str(r.percent)) for r in breakdown.rows}


def test_percentages_round_to_one_decimal_with_halves_up():
    assert percent(1, 3) == Decimal("33.3")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 16) == Decimal("6.3")  # 6.25: a float round() would give 6.2
    assert percent(0, 0) == Decimal("0.0")
    assert str(percent(4, 4)) == "100.0"


def test_rates_per_100k_round_to_one_decimal():
    assert per_100k(3, 818_085) == Decimal("0.4")  # 0.3667
    assert per_100k(1, 345_038) == Decimal("0.3")  # 0.2898
    assert per_100k(234, 587_900) == Decimal("39.8")  # the study's Bradford & Craven
    assert per_100k(0, 210_100) == Decimal("0.0")
    assert per_100k(5, 0) is None


def test_region_figures_equal_hand_computed_values():
    make_known_activities()
    report = report_build(options=ALL)
    assert report.total == 4
    assert report.population == REGION_POPULATION == 2_474_920
    assert report.per_100k == Decimal("0.2")  # 0.1616
    places = {f.place.slug: (f.count, str(f.per_100k), str(f.share)) for f in report.places}
    assert places == {
        "bradford-craven": (0, "0.0", "0.0"),
        "calderdale": (0, "0.0", "0.0"),
        "harrogate-rural-district": (0, "0.0", "0.0"),
        "kirklees": (0, "0.0", "0.0"),
        "leeds": (3, "0.4", "75.0"),
        "wakefield": (1, "0.3", "25.0"),
    }
    assert list(rows(report.breakdown("delivery_model")).items()) == [
        ("Support group", (2, "50.0")),
        ("Activity group", (1, "25.0")),
        ("One to one", (1, "25.0")),
        ("Course/workshop", (0, "0.0")),
        ("Drop-in", (0, "0.0")),
        ("Online forum", (0, "0.0")),
        ("Other", (0, "0.0")),
    ]
    assert rows(report.breakdown("sector"))["Third Sector"] == (2, "50.0")
    assert rows(report.breakdown("main_focus")) == {
        "Mental health focused": (3, "75.0"),
        "Non-mental health focused": (1, "25.0"),
    }
    assert rows(report.breakdown("status")) == {
        "Active": (3, "75.0"),
        "Closed": (1, "25.0"),
        "Unknown": (0, "0.0"),
    }
    shared = rows(report.breakdown("shared_experience"))
    assert list(shared.items())[:4] == [
        ("General mental health", (2, "50.0")),
        ("Anxiety", (1, "25.0")),
        ("LGBTQI+", (1, "25.0")),
        ("Men's mental health", (1, "25.0")),
    ]
    assert len(shared) == 27 and shared["Carers"] == (0, "0.0")


def test_a_place_is_compared_with_the_region():
    make_known_activities()
    report = report_build(options=ALL, place_slug="leeds")
    assert (report.total, report.per_100k, report.share_of_region) == (
        3,
        Decimal("0.4"),
        Decimal("75.0"),
    )
    assert report.population == 818_085
    assert list(rows(report.breakdown("delivery_model")).items())[:3] == [
        ("Support group", (2, "66.7", "50.0")),
        ("Activity group", (1, "33.3", "25.0")),
        ("One to one", (0, "0.0", "25.0")),
    ]
    assert rows(report.breakdown("shared_experience"))["General mental health"] == (
        2,
        "66.7",
        "50.0",
    )


def test_a_place_with_no_activities_shows_zeros():
    make_known_activities()
    report = report_build(options=ALL, place_slug="calderdale")
    assert (report.total, report.per_100k, report.share_of_region) == (
        0,
        Decimal("0.0"),
        Decimal("0.0"),
    )
    for breakdown in report.activity_breakdowns:
        assert {r.count for r in breakdown.rows} == {0}
        assert {str(r.percent) for r in breakdown.rows} == {"0.0"}


def test_an_empty_directory_shows_zeros():
    report = report_build(options=ALL)
    assert (report.total, report.per_100k) == (0, Decimal("0.0"))
    assert {str(f.share) for f in report.places} == {"0.0"}


def test_active_only_leaves_out_closed_and_unknown_activities():
    make_known_activities()
    report = report_build(options=ReportOptions(active_only=True), place_slug="leeds")
    assert (report.total, report.region_total) == (2, 3)
    assert rows(report.breakdown("delivery_model"))["Support group"] == (2, "100.0", "66.7")
    assert rows(report.breakdown("status"))["Closed"] == (0, "0.0", "0.0")


def test_a_date_range_counts_only_activities_scoped_within_it():
    make_known_activities()
    options = ReportOptions(
        scoped_from=datetime.date(2019, 11, 1), scoped_to=datetime.date(2020, 3, 1)
    )
    report = report_build(options=options)
    # Armley (1 Feb 2020) and Ossett (1 Dec 2019); Seacroft has no date, so it is left out.
    assert report.total == 2
    assert {f.place.slug: f.count for f in report.places if f.count} == {
        "leeds": 1,
        "wakefield": 1,
    }
    assert rows(report.breakdown("delivery_model"))["Activity group"] == (1, "50.0")
    shared = rows(report.breakdown("shared_experience"))
    assert shared["General mental health"] == (1, "50.0")
    assert shared["Anxiety"] == (1, "50.0")
    assert shared["LGBTQI+"] == (0, "0.0")
    options = ReportOptions(scoped_to=datetime.date(2019, 10, 1))
    assert report_build(options=options).total == 1


def test_an_unknown_place_has_no_report():
    assert report_build(options=ALL, place_slug="york") is None


def test_options_describe_themselves():
    alone = "a place's figures count the activities serving it alone, as the study did"
    assert ALL.describe() == f"All activities, whenever scoped; {alone}"
    options = ReportOptions(
        active_only=True,
        scoped_from=datetime.date(2019, 9, 1),
        scoped_to=datetime.date(2020, 3, 31),
    )
    assert options.describe() == (
        f"Active activities scoped from 1 September 2019 to 31 March 2020; {alone}"
    )
    assert ReportOptions(include_shared=True).describe() == (
        "All activities, whenever scoped; a place's figures include the activities it shares "
        "with other places and the region-wide ones"
    )

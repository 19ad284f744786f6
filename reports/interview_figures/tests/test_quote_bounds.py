"""A quote shown with fewer labels (no place, or sector only) still says something a
reader can count on: its labels are bounds of the audit too."""

from types import SimpleNamespace

from reports.interview_figures.quote_cells import SECTOR, cross_key, quote_bounds

PLACES = [SimpleNamespace(pk=1), SimpleNamespace(pk=2), SimpleNamespace(pk=3)]


def quote(**attributes):
    return {"excerpt": 1, "quote": "", "attributes": attributes}


def test_a_quote_without_its_place_bounds_its_sector_and_role_across_every_place():
    bounds = quote_bounds([quote(sector="nhs", role="manager")], PLACES)
    assert bounds == [(tuple(cross_key("nhs", "manager", pk) for pk in (1, 2, 3)), 3)]


def test_a_quote_with_only_its_sector_bounds_the_regions_count_of_that_sector():
    assert quote_bounds([quote(sector="nhs")], PLACES) == [((("region", SECTOR, "nhs"),), 3)]


def test_a_quote_with_no_labels_says_only_that_someone_was_interviewed():
    assert quote_bounds([quote()], PLACES) == []


def test_quotes_sharing_their_labels_bound_once():
    same = [quote(sector="nhs", role="worker", place=2)] * 3
    assert quote_bounds(same, PLACES) == [((cross_key("nhs", "worker", 2),), 3)]

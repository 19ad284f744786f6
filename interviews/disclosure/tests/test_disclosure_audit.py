"""The disclosure audit: every published interview figure solved together, as a reader could."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.vocabulary.terms import Sector
from interviews.disclosure.audit import (
    UNBOUNDED,
    Range,
    difference_pins,
    hidden_ranges,
    pinned_cells,
)
from interviews.disclosure.control import THRESHOLD, is_small, protect, protect_lines
from interviews.disclosure.tests.disclosure_data import (
    ROLES,
    SECTORS,
    THEMES,
    grid,
    realistic,
    reproduction,
)

LEEDS, CALDERDALE = 1, 5  # the pks of places 0 and 4 in disclosure_data


def test_the_audit_works_out_the_issues_reproduction_under_the_line_by_line_protection():
    values, lines, at_most, companions = grid(reproduction())
    hidden = protect_lines(values, lines, companions=companions)
    # What the line-by-line protection published: the region's total of 4, the zeros.
    assert values[("total", "region")] == 4 and ("total", "region") not in hidden
    ranges = hidden_ranges(values, hidden, lines, at_most)
    # Leeds + Calderdale = 4, each hides two non-zero cells, so each is exactly 2 ...
    assert ranges[("total", LEEDS)] == Range(2, 2)
    assert ranges[("total", CALDERDALE)] == Range(2, 2)
    # ... and Calderdale has exactly one NHS worker.
    assert ranges[("cell", "interview_sector", CALDERDALE, Sector.NHS)] == Range(1, 1)
    pinned = pinned_cells(values, hidden, lines, at_most)
    assert ("cell", "interview_sector", CALDERDALE, Sector.NHS) in pinned
    assert ("total", CALDERDALE) in pinned


def test_after_the_fix_the_reproduction_pins_nothing():
    values, lines, at_most, companions = grid(reproduction())
    hidden = protect(values, lines, at_most, companions)
    assert pinned_cells(values, hidden, lines, at_most) == []
    ranges = hidden_ranges(values, hidden, lines, at_most)
    assert ranges[("cell", "interview_sector", CALDERDALE, Sector.NHS)].high >= THRESHOLD
    assert ranges[("total", CALDERDALE)].high >= THRESHOLD


def test_a_theme_count_is_bounded_by_the_interviews_that_raised_it():
    # Region: 5 people raised the theme in 5 interviews; Leeds shows 3 and 3. Without the
    # inequalities Bradford's 2 would look free; with them it is at most 5 - 3 = 2.
    values = {"L": 3, "B": 2, "R": 5, "Li": 3, "Bi": 2, "Ri": 5}
    lines = [(["L", "B"], "R"), (["Li", "Bi"], "Ri")]
    assert hidden_ranges(values, {"B", "R"}, lines[:1]) == {
        "B": Range(1, UNBOUNDED - 3),
        "R": Range(4, UNBOUNDED),
    }
    assert pinned_cells(values, {"B", "R", "Bi"}, lines, [("B", "Bi")]) == ["B", "Bi"]


def test_a_range_reads_as_words():
    assert str(Range(1, 2)) == "1 to 2"
    assert str(Range(3, UNBOUNDED)) == "3 to no limit"


def test_the_line_by_line_protection_leaks_in_most_realistic_data_sets():
    """The issue's finding (41 of 60), as a guard that the audit keeps finding it: 12 made-up
    regions here; ``bench/disclosure_bench.py`` runs more."""
    rng = random.Random(17)
    leaked = 0
    for _ in range(12):
        values, lines, at_most, companions = grid(realistic(rng))
        hidden = protect_lines(values, lines, companions=companions)
        leaked += bool(pinned_cells(values, hidden, lines, at_most))
    assert leaked >= 6


PEOPLE = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.sampled_from(SECTORS),
        st.sampled_from(ROLES),
        st.booleans(),
        st.dictionaries(
            st.sampled_from(THEMES),
            st.tuples(st.integers(1, 2), st.integers(0, 2)).map(lambda t: (t[0], t[0] + t[1])),
            max_size=3,
        ),
    ),
    min_size=1,
    max_size=30,
)


# Each example solves a few dozen linear and integer programmes (about 0.1 s): 30 examples
# in every profile keep this test to a few seconds, in CI too (a fixed sequence there).
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PEOPLE)
def test_no_generated_data_set_leaves_a_small_count_that_can_be_worked_out(people):
    values, lines, at_most, companions = grid(people)
    hidden = protect(values, lines, at_most, companions)
    assert {k for k, v in values.items() if is_small(v)} <= hidden
    assert all(values[k] > 0 for k in hidden)  # "not shown" always means at least 1
    assert pinned_cells(values, hidden, lines, at_most) == []


def test_realistic_regions_pin_nothing_after_the_fix():
    rng = random.Random(3)
    for _ in range(5):
        values, lines, at_most, companions = grid(realistic(rng))
        hidden = protect(values, lines, at_most, companions)
        assert pinned_cells(values, hidden, lines, at_most) == []


def _published(values, hidden):
    return {k: (None if k in hidden else v) for k, v in values.items()}


def test_live_figures_give_away_one_new_participants_cell_and_a_release_does_not():
    people = realistic(random.Random(5))
    before = grid(people)
    first = _published(before[0], protect(*before))
    newcomer = (4, Sector.NHS, "worker", True, {})  # one more NHS worker in Calderdale
    values, lines, at_most, companions = grid([*people, newcomer])
    exempt = [("total", "region")]
    # Live pages: each reading protected on its own, the difference still shows.
    alone = protect(values, lines, at_most, companions)
    assert pinned_cells(values, alone, lines, at_most) == []
    assert difference_pins(values, alone, first, lines, at_most, exempt=exempt)
    # A release protected against the one before it.
    hidden = protect(values, lines, at_most, companions, previous=first, exempt=exempt)
    assert difference_pins(values, hidden, first, lines, at_most, exempt=exempt) == []
    assert pinned_cells(values, hidden, lines, at_most) == []


def test_a_release_after_one_withdrawal_does_not_show_the_leavers_cell():
    rng = random.Random(11)
    exempt = [("total", "region")]
    for _ in range(2):
        people = realistic(rng)
        before = grid(people)
        first = _published(before[0], protect(*before))
        people.pop(rng.randrange(len(people)))
        values, lines, at_most, companions = grid(people)
        hidden = protect(values, lines, at_most, companions, previous=first, exempt=exempt)
        assert difference_pins(values, hidden, first, lines, at_most, exempt=exempt) == []
        assert pinned_cells(values, hidden, lines, at_most) == []

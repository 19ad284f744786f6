"""Cohen's kappa and percentage agreement at character level, against a hand-computed
example, and how disagreements are grouped."""

from fractions import Fraction
from types import SimpleNamespace

import pytest

from interviews.coding.agreement import (
    covered,
    match_codings,
    overlap,
    pooled,
    theme_agreement,
)

# A transcript of 100 characters, two themes.
# "Waiting": first coder 0-40, second 20-60. Characters: both 20 (20-40), first only 20,
#   second only 20, neither 40.
#   po = (20 + 40) / 100 = 0.6; pe = (40·40 + 60·60) / 100² = 0.52;
#   kappa = (0.6 - 0.52) / (1 - 0.52) = 0.08 / 0.48 = 1/6.
# "Respect": first coder 10-20 and 15-30 (overlapping: 10-30 counts once), second 10-30.
#   both 20, neither 80: po = 1, pe = (20·20 + 80·80) / 100² = 0.68, kappa = 1.
# Pooled (200 units): both 40, first only 20, second only 20, neither 120.
#   po = 160 / 200 = 0.8; pe = (60·60 + 140·140) / 200² = 0.58;
#   kappa = 0.22 / 0.42 = 11/21.


def test_kappa_per_theme_and_pooled_against_a_hand_computed_example():
    waiting = theme_agreement("Waiting", 100, [(0, 40)], [(20, 60)])
    respect = theme_agreement("Respect", 100, [(10, 20), (15, 30)], [(10, 30)])
    assert (waiting.both, waiting.first_only, waiting.second_only, waiting.neither) == (
        20,
        20,
        20,
        40,
    )
    assert waiting.percent == pytest.approx(60.0)
    assert waiting.kappa == pytest.approx(float(Fraction(1, 6)))
    assert (respect.first, respect.second, respect.neither) == (20, 20, 80)
    assert respect.percent == pytest.approx(100.0)
    assert respect.kappa == pytest.approx(1.0)
    overall = pooled("All", [waiting, respect])
    assert overall.units == 200
    assert overall.percent == pytest.approx(80.0)
    assert overall.kappa == pytest.approx(float(Fraction(11, 21)))


def test_no_better_than_chance_and_nothing_coded():
    # Each codes half, crossing: po = 0.5, pe = 0.5, kappa 0.
    assert theme_agreement("T", 100, [(0, 50)], [(25, 75)]).kappa == pytest.approx(0.0)
    # Total disagreement: negative.
    assert theme_agreement("T", 100, [(0, 50)], [(50, 100)]).kappa == pytest.approx(-1.0)
    # Both coded the whole text: chance agreement is 1, and so is kappa.
    assert theme_agreement("T", 10, [(0, 10)], [(0, 10)]).kappa == 1.0


def test_runs_merge_and_overlap():
    assert covered([(5, 8), (0, 3), (2, 4), (8, 9)]) == [(0, 4), (5, 9)]
    assert overlap([(0, 4), (5, 9)], [(3, 6), (8, 20)]) == 1 + 1 + 1


def excerpt(pk, start, end, *themes):
    themes = [SimpleNamespace(pk=t) for t in themes]
    return SimpleNamespace(pk=pk, start=start, end=end, themes=SimpleNamespace(all=lambda: themes))


def test_disagreements_group_overlapping_excerpts_of_both_coders():
    first = [excerpt(1, 0, 10, 7), excerpt(2, 20, 30, 7), excerpt(3, 50, 60, 8)]
    second = [excerpt(4, 0, 10, 7), excerpt(5, 25, 35, 7), excerpt(6, 32, 40, 9)]
    agreed, disagreements = match_codings(first, second)
    assert [e.pk for e in agreed] == [1]
    assert [([e.pk for e in d.first], [e.pk for e in d.second]) for d in disagreements] == [
        ([2], [5, 6]),  # 20-30 meets 25-35, which meets 32-40
        ([3], []),
    ]
    assert [value for value, _ in disagreements[1].choices] == ["first", "neither"]
    assert [e.pk for e in disagreements[0].kept("both")] == [2, 5, 6]

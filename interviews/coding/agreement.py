"""How far two coders of one transcript agree: Cohen's kappa and percentage agreement at
character level, per theme and pooled, and where they disagree.

As NVivo computes it, per theme: each character of the transcript is a unit, coded or not
coded with the theme by each coder (overlapping excerpts of one coder count a character
once). With ``a`` characters both coded, ``b`` only the first, ``c`` only the second and
``d`` neither, of ``n``:

    agreement  po = (a + d) / n
    by chance  pe = ((a + b)(a + c) + (c + d)(b + d)) / n²
    kappa         = (po - pe) / (1 - pe), and 1 when pe = 1 (both coded all or nothing)

Overall figures pool the per-theme tables of the themes either coder used (each
character counted once per theme); themes neither used are left out, as they would only
add agreement on nothing. Spans are merged, never walked character by character.
"""

from dataclasses import dataclass


def covered(spans):
    """``spans`` ((start, end) pairs) merged into sorted, disjoint runs."""
    runs = []
    for start, end in sorted(spans):
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return [tuple(run) for run in runs]


def length(runs):
    return sum(end - start for start, end in runs)


def overlap(first, second):
    """Characters in both of two lists of merged runs."""
    total, i, j = 0, 0, 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        total += max(0, end - start)
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return total


@dataclass(frozen=True)
class Agreement:
    """One theme's (or the pooled) 2×2 table of characters."""

    label: str
    both: int
    first_only: int
    second_only: int
    neither: int

    @property
    def units(self):
        return self.both + self.first_only + self.second_only + self.neither

    @property
    def first(self):
        return self.both + self.first_only

    @property
    def second(self):
        return self.both + self.second_only

    @property
    def percent(self):
        """Percentage agreement: characters both coded or both left, of all."""
        return 100 * (self.both + self.neither) / self.units if self.units else 100.0

    @property
    def kappa(self):
        n = self.units
        if not n:
            return 1.0
        observed = (self.both + self.neither) / n
        chance = (
            self.first * self.second
            + (self.second_only + self.neither) * (self.first_only + self.neither)
        ) / n**2
        if chance == 1:
            return 1.0
        return (observed - chance) / (1 - chance)


def theme_agreement(label, text_length, first_spans, second_spans):
    first, second = covered(first_spans), covered(second_spans)
    both = overlap(first, second)
    first_only, second_only = length(first) - both, length(second) - both
    return Agreement(
        label, both, first_only, second_only, text_length - both - first_only - second_only
    )


def pooled(label, agreements):
    return Agreement(
        label,
        sum(a.both for a in agreements),
        sum(a.first_only for a in agreements),
        sum(a.second_only for a in agreements),
        sum(a.neither for a in agreements),
    )


@dataclass
class Disagreement:
    """Overlapping excerpts the two coders did not code alike, settled together."""

    number: int
    first: list
    second: list

    @property
    def sides(self):
        return [("First coder", self.first), ("Second coder", self.second)]

    @property
    def choices(self):
        """What the pair may keep in the final coding: (value, words)."""
        options = []
        if self.first:
            options.append(("first", "Keep the first coder's"))
        if self.second:
            options.append(("second", "Keep the second coder's"))
        if self.first and self.second:
            options.append(("both", "Keep both"))
        options.append(("neither", "Keep neither"))
        return options

    def kept(self, choice):
        return {
            "first": self.first,
            "second": self.second,
            "both": self.first + self.second,
            "neither": [],
        }[choice]


def _key(excerpt):
    return (excerpt.start, excerpt.end, frozenset(t.pk for t in excerpt.themes.all()))


def match_codings(first, second):
    """(agreed, disagreements): the first coder's excerpts the second coded alike (same
    span, same themes), and the rest grouped by overlap, in transcript order."""
    waiting = {}
    for excerpt in second:
        waiting.setdefault(_key(excerpt), []).append(excerpt)
    agreed, rest = [], []
    for excerpt in first:
        twins = waiting.get(_key(excerpt))
        if twins:
            twins.pop(0)
            agreed.append(excerpt)
        else:
            rest.append(("first", excerpt))
    rest += [("second", e) for twins in waiting.values() for e in twins]
    rest.sort(key=lambda item: (item[1].start, item[1].end, item[0], item[1].pk))
    disagreements, reach = [], -1
    for side, excerpt in rest:
        if excerpt.start >= reach:
            disagreements.append(Disagreement(len(disagreements) + 1, [], []))
        getattr(disagreements[-1], side).append(excerpt)
        reach = max(reach, excerpt.end)
    return agreed, disagreements

"""The disclosure audit: what a reader can work out from every published figure at once.

A reader who collects every interview figure the site publishes (the region's
page and each place's, their CSVs and workbooks) knows the shown counts, that
a hidden count is at least 1 (zeros are always shown), how the figures add up
(each line's members sum to its total) and which figures can be no larger than
others (a theme's participants in a place are no more than the people
interviewed there, nor than the interviews that raised it). That is a system of
linear constraints over whole numbers; for each hidden count we ask an integer
programme (scipy's ``milp``, the HiGHS solver) for the largest value it could
take. A hidden count whose largest possible value is under the threshold is
*pinned*: the reader knows it is 1 or 2, which is what the suppression is for.

This is how statistical offices audit a suppression pattern (the interval a
hidden cell can be shown to lie in); see ``docs/disclosure.md``.
"""

from dataclasses import dataclass

import numpy as np

# scipy.optimize is imported when an audit first runs, not with this module: it takes
# about a quarter of a second, which every process would otherwise pay as the admin
# loads (each command, the job worker, each server and test subprocess).

UNBOUNDED = 10**6  # an upper bound for every count; a maximum this large means "no limit"


@dataclass(frozen=True)
class Range:
    """The values a hidden count could take, given everything published."""

    low: int
    high: int  # UNBOUNDED when nothing published limits it

    def __str__(self):
        high = "no limit" if self.high >= UNBOUNDED else self.high
        return f"{self.low} to {high}"


class _System:
    """The published figures as ``A x (=, <=) b`` over the hidden counts ``x``."""

    def __init__(self, values, hidden, lines, at_most, floor=None, at_least=()):
        """``floor``: {hidden key: its least possible value} where that is not 1;
        ``at_least``: [(keys, bound)]: the keys add up to at least the bound (a quote's
        labels say so many people share them)."""
        self.keys = sorted(hidden, key=str)
        self.index = {key: i for i, key in enumerate(self.keys)}
        self.floor = np.array([(floor or {}).get(key, 1) for key in self.keys])
        rows, lower, upper = [], [], []

        def add(terms, low, high):
            """``low <= sum(sign * key) <= high``, the shown keys moved to the bounds."""
            row, constant = np.zeros(len(self.keys)), 0
            for key, sign in terms:
                if key in self.index:
                    row[self.index[key]] += sign
                else:
                    constant += sign * values[key]
            if row.any():
                rows.append(row)
                lower.append(low - constant)
                upper.append(high - constant)

        for members, total in lines:
            add([(m, 1) for m in members] + [(total, -1)], 0, 0)
        for smaller, larger in at_most:
            add([(smaller, 1), (larger, -1)], -np.inf, 0)
        for keys, bound in at_least:
            add([(key, 1) for key in keys], bound, np.inf)
        from scipy.optimize import LinearConstraint

        self.constraints = (
            [LinearConstraint(np.array(rows), np.array(lower), np.array(upper))] if rows else []
        )

    def _solve(self, objective, extra_rows=None, extra_bounds=(), integral=True):
        """One programme over the hidden counts (and ``extra`` variables after them).

        Returns the solution, or None when nothing fits. With ``integral`` False it is
        the linear relaxation, several times faster: its optimum bounds the whole-number
        one, and is the whole-number one when its solution is whole."""
        from scipy.optimize import Bounds, LinearConstraint, milp

        n = len(self.keys)
        m = len(extra_bounds)
        constraints = [
            LinearConstraint(np.hstack([c.A, np.zeros((c.A.shape[0], m))]), c.lb, c.ub)
            for c in self.constraints
        ]
        if extra_rows is not None:
            constraints.append(LinearConstraint(extra_rows, -np.inf, 0))
        result = milp(
            objective,
            constraints=constraints,
            integrality=np.full(n + m, 1 if integral else 0),
            bounds=Bounds(
                np.concatenate([self.floor, [low for low, _ in extra_bounds]]),
                np.concatenate([np.full(n, UNBOUNDED), [high for _, high in extra_bounds]]),
            ),
        )
        return result.x if result.status == 0 else None

    def extreme(self, key, sign, integral=True):
        """The largest (sign -1) or smallest (sign 1) value of ``key``, and whether it is
        whole (always, when ``integral``); None if nothing fits."""
        objective = np.zeros(len(self.keys))
        objective[self.index[key]] = sign
        x = self._solve(objective, integral=integral)
        if x is None:
            return None
        value = x[self.index[key]]
        return (round(value) if integral else value), integral or _whole(x)

    def lift(self, keys, threshold):
        """The ``keys`` that one whole-number solution fitting every constraint puts at
        ``threshold`` or more: it maximises the sum of ``min(key, threshold)`` over
        ``keys`` (a variable per key, at most the key and at most the threshold). The
        relaxation first; the integer programme when its answer is not whole."""
        n, m = len(self.keys), len(keys)
        objective = np.concatenate([np.zeros(n), -np.ones(m)])
        link = np.zeros((m, n + m))
        for j, key in enumerate(keys):
            link[j, self.index[key]], link[j, n + j] = -1, 1
        bounds = [(0, threshold)] * m
        x = self._solve(objective, link, bounds, integral=False)
        if x is not None and not _whole(x):
            x = self._solve(objective, link, bounds, integral=True)
        if x is None:
            raise ValueError("The published figures contradict each other.")
        return {key for key in keys if x[self.index[key]] >= threshold - 0.5}

    def can_reach(self, key, threshold):
        """Whether some whole-number solution puts ``key`` at ``threshold`` or more."""
        relaxed = self.extreme(key, -1, integral=False)
        if relaxed is None:
            raise ValueError("The published figures contradict each other.")
        high, whole = relaxed
        if high < threshold - 1e-6:
            return False  # not even the relaxation reaches it
        if whole:
            return True
        return self.extreme(key, -1)[0] >= threshold


def _whole(x):
    return bool(np.all(np.abs(x - np.round(x)) < 1e-6))


def _prefixed(prefix, lines, at_most):
    lines = [([(prefix, m) for m in members], (prefix, total)) for members, total in lines]
    return lines, [((prefix, a), (prefix, b)) for a, b in at_most]


def difference_pins(
    new,
    new_hidden,
    old,
    lines,
    at_most=(),
    threshold=3,
    exempt=(),
    at_least=(),
    old_at_least=(),
    latent=(),
):
    """The figures whose change between two releases a reader can pin to 1 or 2 people.

    ``new``: {key: count} (all true counts), ``new_hidden`` the keys hidden in it;
    ``old``: {key: count, or None where hidden} as the previous release published it
    (a key it lacks was not published). The reader is assumed to know that between the
    releases people were only added (new interviews), or only taken away (withdrawals),
    whichever fits the figures, and solves both releases together: the change ``d`` in every figure is then a table
    of its own (at least 0, adding up along the same lines), and a change that must be
    1 or 2 says which cell the newcomer or the leaver is in. ``exempt``: keys whose
    change may show (the region's total: how many joined or left, nobody's category).
    ``at_least``, ``old_at_least``: what each release's quotes say (see ``_System``);
    ``latent``: keys never published (may be 0; see ``pinned_cells``).
    Returns the keys pinned, sorted.
    """
    pinned = set()
    for direction in (1, -1):
        known, floor = {}, {}
        for key, value in new.items():
            if key in new_hidden:
                floor[("new", key)] = 0 if key in latent else 1
            else:
                known[("new", key)] = value
            published = old.get(key)
            if published is None:
                floor[("old", key)] = 1 if key in old else 0
            else:
                known[("old", key)] = published
            floor[("d", key)] = 0
        all_lines, all_at_most = [], []
        for prefix in ("old", "new", "d"):
            more_lines, more_at_most = _prefixed(prefix, lines, at_most)
            all_lines += more_lines
            all_at_most += more_at_most if prefix != "d" else []
        low, high = ("old", "new") if direction == 1 else ("new", "old")
        all_lines += [([(low, key), ("d", key)], (high, key)) for key in new]
        quotes = [
            ([(p, k) for k in keys], bound)
            for p, q in (("new", at_least), ("old", old_at_least))
            for keys, bound in q
        ]
        system = _System(known, set(floor), all_lines, all_at_most, floor, quotes)
        objective = np.zeros(len(system.keys))
        for key in new:
            objective[system.index[("d", key)]] = 1
        x = system._solve(objective, integral=False)
        if x is None or not _whole(x):
            x = system._solve(objective)
        if x is None:
            continue  # people did not only join (or only leave): a reader learns less
        changed = [k for k in new if k not in exempt and x[system.index[("d", k)]] > 0.5]
        for key in sorted(changed, key=str):
            least = system.extreme(("d", key), 1)
            if least is None or least[0] < 1:
                continue
            most = system.extreme(("d", key), -1)
            if most is not None and most[0] < threshold:
                pinned.add(key)
    return sorted(pinned, key=str)


def _latent_floor(latent):
    return dict.fromkeys(latent, 0)


def hidden_ranges(values, hidden, lines, at_most=(), keys=None, at_least=(), latent=()):
    """{hidden key: Range} for ``keys`` (default: every hidden key).

    ``values``: {key: count} for every figure (hidden ones too: only the shown
    ones are used as known); ``lines``: [(member keys, total key)];
    ``at_most``: [(smaller key, larger key)]; ``at_least``, ``latent``: as for
    ``pinned_cells``.
    """
    system = _System(values, hidden, lines, at_most, _latent_floor(latent), at_least)
    ranges = {}
    for key in system.keys if keys is None else keys:
        low, high = system.extreme(key, 1), system.extreme(key, -1)
        if low is None or high is None:
            raise ValueError("The published figures contradict each other.")
        ranges[key] = Range(low[0], high[0])
    return ranges


def pinned_cells(values, hidden, lines, at_most=(), threshold=3, at_least=(), latent=()):
    """The hidden counts a reader can show to be under ``threshold``, sorted.

    ``at_least``: [(keys, bound)], what the published quotes say (see ``_System``).
    ``latent``: keys never published, which may be 0 (how many people share a quote's
    labels in a place): they are among the hidden keys, and pinned like any other.

    Only a count that really is small can be pinned under the threshold (its
    true value always fits the constraints), so only those are solved for.
    Most are cleared together: one programme finds values that fit everything
    published and lift as many of them as it can to the threshold; those it
    lifts are not pinned. When a round clears none, the rest are asked one by one.
    """
    small = sorted((key for key in hidden if 0 < values[key] < threshold), key=str)
    if not small:
        return []
    system = _System(values, hidden, lines, at_most, _latent_floor(latent), at_least)
    while small:
        cleared = system.lift(small, threshold)
        if not cleared:
            break
        small = [key for key in small if key not in cleared]
    return [key for key in small if not system.can_reach(key, threshold)]

"""How often the line-by-line protection leaks, and what the audited protection costs.

On made-up regions (six places, 3 to 8 participants each, as in the issue), counts
how many leave a hidden count of 1 or 2 that the published figures pin down when
solved together (the audit), under the old line-by-line protection and the new one,
how many figures each hides, and how long the new protection and one audit take.
Then, for releases: one participant added or withdrawn between two releases, how
often the change is pinned when each release is protected on its own (live pages),
and never when the second is protected against the first.

    .venv/bin/python bench/disclosure_bench.py [--regions 60] [--seed 1]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
os.environ.setdefault("DEBUG", "1")  # a local run: the settings fail closed without it

import django  # noqa: E402

django.setup()

from interviews.disclosure.audit import difference_pins, pinned_cells  # noqa: E402
from interviews.disclosure.control import protect, protect_lines  # noqa: E402
from interviews.disclosure.tests.disclosure_data import grid, random_person, realistic  # noqa: E402

EXEMPT = [("total", "region")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    regions = [realistic(rng) for _ in range(args.regions)]

    old_leaks, new_leaks, old_hidden, new_hidden, protect_s, audit_s = 0, 0, [], [], [], []
    for people in regions:
        values, lines, at_most, companions = grid(people)
        old = protect_lines(values, lines, companions=companions)
        old_leaks += bool(pinned_cells(values, old, lines, at_most))
        started = time.perf_counter()
        new = protect(values, lines, at_most, companions)
        protect_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        new_leaks += bool(pinned_cells(values, new, lines, at_most))
        audit_s.append(time.perf_counter() - started)
        nonzero = sum(1 for v in values.values() if v)
        old_hidden.append(len(old) / nonzero)
        new_hidden.append(len(new) / nonzero)
    n = len(regions)
    print(f"{n} made-up regions, {statistics.mean(len(p) for p in regions):.0f} participants each")
    print(
        f"  line by line: {old_leaks}/{n} leak a count of 1 or 2; hides "
        f"{statistics.mean(old_hidden):.0%} of non-zero figures"
    )
    print(
        f"  audited:      {new_leaks}/{n} leak; hides {statistics.mean(new_hidden):.0%} of "
        f"non-zero figures; protect median {statistics.median(protect_s) * 1000:.0f} ms, "
        f"max {max(protect_s) * 1000:.0f} ms; one audit median "
        f"{statistics.median(audit_s) * 1000:.0f} ms"
    )

    live, released, release_s = 0, 0, []
    cases = regions[: max(1, n // 3)]
    for i, people in enumerate(cases):
        before = grid(people)
        first = {
            k: (None if k in h else v) for h in [protect(*before)] for k, v in before[0].items()
        }
        if i % 2:
            changed = [*people, random_person(rng, rng.randrange(6))]
        else:
            changed = [p for j, p in enumerate(people) if j != rng.randrange(len(people))]
        values, lines, at_most, companions = grid(changed)
        alone = protect(values, lines, at_most, companions)
        live += bool(difference_pins(values, alone, first, lines, at_most, exempt=EXEMPT))
        started = time.perf_counter()
        hidden = protect(values, lines, at_most, companions, previous=first, exempt=EXEMPT)
        release_s.append(time.perf_counter() - started)
        released += bool(difference_pins(values, hidden, first, lines, at_most, exempt=EXEMPT))
    m = len(cases)
    print(f"{m} pairs of releases, one participant added or withdrawn between them:")
    print(f"  each protected alone (live pages): {live}/{m} show the person's cell by difference")
    print(
        f"  second protected against the first: {released}/{m}; median "
        f"{statistics.median(release_s):.1f} s to protect"
    )


if __name__ == "__main__":
    main()

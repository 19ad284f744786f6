"""Recall of the anonymiser and its flags on transcripts as people really speak them.

Builds the planted corpus (interviews/tests/planted_corpus.py: names in every case and
form, ordinary-word names, nicknames, transcribers' notes, spoken e-mails and numbers,
NHS numbers however grouped, partial postcodes, streets, organisations in the directory,
and decoys that must stay), runs the anonymiser, then a reviewer who redacts every flag
one decision at a time, and prints what was caught per kind, what was missed, and how
many decoys were kept (interviews/tests/recall.py).

    .venv/bin/python bench/anonymiser_recall.py [--transcripts 36] [--seed 29] [--show-misses]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
os.environ.setdefault("DEBUG", "1")  # a local run: the settings fail closed without it

from interviews.tests.planted_corpus import build_corpus  # noqa: E402
from interviews.tests.recall import measure  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--transcripts", type=int, default=36)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    corpus = build_corpus(size=args.transcripts, seed=args.seed)
    started = time.perf_counter()
    tally = measure(corpus)
    took = time.perf_counter() - started
    planted = sum(tally.planted.values())
    print(f"Planted corpus: {tally.transcripts} transcripts, {planted} planted details")
    print(f"  {'kind':<14}{'planted':>8}{'anonymiser':>12}{'+ flags':>10}")
    for kind in sorted(tally.planted):
        print(
            f"  {kind:<14}{tally.planted[kind]:>8}{tally.by_anonymiser.get(kind, 0):>12}"
            f"{tally.caught.get(kind, 0):>10}"
        )
    print(f"Anonymiser alone: {tally.recall(tally.by_anonymiser):.1%} of planted details")
    print(
        f"Anonymiser + redacting every flag: {tally.recall():.1%} "
        f"({planted - len(tally.missed)}/{planted}); target >= 99%"
    )
    print(
        f"Decoys kept: {tally.decoys_rate():.1%} ({tally.decoys_kept}/{tally.decoys}); "
        "target >= 98%"
    )
    print(
        f"Flags decided: {tally.decisions} ({tally.decisions / tally.transcripts:.1f} a "
        f"transcript); {took:.1f} s for the whole run"
    )
    if args.show_misses:
        for kind, value, line in tally.missed:
            print(f"  missed {kind}: {value!r} in …{line}…")
        for value, line in tally.lost:
            print(f"  decoy lost: {value!r} in …{line}…")


if __name__ == "__main__":
    main()

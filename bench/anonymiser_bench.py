"""Recall and speed of the interview anonymiser, offline, on synthetic transcripts.

Prints recall per kind of personal detail over a synthetic corpus (the same
generator as interviews/anonymisation/tests/test_anonymise.py, more transcripts), and the
median time to redact one transcript of about 9,000 words (an hour's interview).

    .venv/bin/python bench/anonymiser_bench.py [--transcripts 500] [--repeat 15]
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
os.environ.setdefault("DEBUG", "1")  # a local run: the settings fail closed without it

from interviews.anonymisation.anonymiser import redact  # noqa: E402
from interviews.tests.synthetic_corpus import build_corpus, build_transcript  # noqa: E402


def recall(corpus):
    planted, found, kept_hit, false_hits = Counter(), Counter(), 0, 0
    for transcript in corpus:
        findings = redact(transcript.text, transcript.names).findings
        for kind, start, end, _ in transcript.planted:
            planted[kind] += 1
            found[kind] += any(
                f.kind == kind and f.start <= start and end <= f.end for f in findings
            )
        for _, start, end, _ in transcript.kept:
            kept_hit += any(f.start < end and start < f.end for f in findings)
        for f in findings:
            false_hits += not any(s <= f.start and f.end <= e for _, s, e, _ in transcript.planted)
    return planted, found, kept_hit, false_hits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--transcripts", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    corpus = build_corpus(size=args.transcripts, seed=7)
    planted, found, kept_hit, false_hits = recall(corpus)
    print(f"Synthetic corpus: {len(corpus)} transcripts")
    for kind in sorted(planted):
        print(
            f"  {kind:<12} recall {found[kind] / planted[kind]:7.2%} ({found[kind]}/{planted[kind]})"
        )
    kept = sum(len(t.kept) for t in corpus)
    print(f"  left alone (invalid NHS numbers, words containing a name): {kept - kept_hit}/{kept}")
    print(f"  redactions outside planted details: {false_hits}")

    rng = random.Random(1)
    long_text = "\n".join(build_transcript(rng).text for _ in range(60))
    names = corpus[0].names
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        redact(long_text, names)
        timings.append(time.perf_counter() - started)
    words = len(long_text.split())
    print(
        f"One transcript of {words:,} words ({len(long_text):,} characters): "
        f"median {statistics.median(timings) * 1000:.0f} ms over {args.repeat} runs"
    )


if __name__ == "__main__":
    main()

"""Time the REFI-QDA export (``qdpx_export``) at the study's size and above: whether it
can answer inside the request (docs/interviews-and-privacy.md#refi-qda-exchange).

    .venv/bin/python bench/qdpx_bench.py [--interviews 40] [--excerpts 30]   # SQLite, bench/out/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/psd_qdpx_bench \\
        .venv/bin/python bench/qdpx_bench.py                                # PostgreSQL (must exist)

Each made-up interview is an hour's transcript (about 9,000 words, the anonymiser
bench's synthetic ones), approved, with ``--excerpts`` coded passages, half with a memo.
The bench database's participants are deleted first: never point it at real data.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
warnings.filterwarnings("ignore", "No directory at")
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
os.environ.setdefault("DEBUG", "1")
if not os.environ.get("DATABASE_URL"):
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'bench' / 'out' / 'qdpx_bench.sqlite3'}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, default=40)
    parser.add_argument("--excerpts", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    from activities.reference.services import reference_data_load
    from interviews.exchange.project_file import qdpx_export
    from interviews.models import AnonymisationStatus, Excerpt, Participant, Theme
    from interviews.reference.services import interview_reference_load
    from interviews.tests.factories import make_guide, make_interview, make_participant
    from interviews.tests.synthetic_corpus import build_transcript

    call_command("migrate", verbosity=0)
    reference_data_load()
    interview_reference_load()
    Participant.objects.all().delete()
    rng = random.Random(7)
    themes = list(Theme.objects.all())
    guide = make_guide()
    for number in range(args.interviews):
        participant = make_participant(code=f"BEN-{number:03d}", name=f"Bench Person {number}")
        text = ""
        while len(text.split()) < 9000:
            text += build_transcript(rng).text + "\n"
        interview = make_interview(
            participant,
            transcript=text,
            guide=guide,
            held_on=datetime.date(2020, 2, 1),
        )
        assert interview.status == AnonymisationStatus.APPROVED
        step = len(text) // args.excerpts
        for n in range(args.excerpts):
            start = n * step
            excerpt = Excerpt.objects.create(
                interview=interview,
                start=start,
                end=start + 300,
                quote=text[start : start + 300],
                memo="Ask Bench Person about this." if n % 2 else "",
            )
            excerpt.themes.set(rng.sample(themes, 2))

    took, cpu = [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        qdpx = qdpx_export()
        took.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"qdpx_export: {qdpx.transcripts} transcripts, {qdpx.excerpts} passages, "
        f"{qdpx.themes} themes, {len(qdpx.data) / 1e6:.1f} MB: median "
        f"{statistics.median(took) * 1000:.0f} ms, max {max(took) * 1000:.0f} ms; "
        f"this process's CPU median {statistics.median(cpu) * 1000:.0f} ms "
        f"({os.environ['DATABASE_URL'].split(':')[0]}; load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()

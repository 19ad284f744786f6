"""Cut a transcript into runs of text, each with the excerpts that cover it, so the
coding page can mark coded passages without changing a character of the text."""

import itertools
from dataclasses import dataclass


@dataclass
class Segment:
    text: str
    excerpt_ids: tuple


def transcript_segments(text, excerpts):
    bounds = {0, len(text)}
    for excerpt in excerpts:
        bounds.update((excerpt.start, excerpt.end))
    points = sorted(b for b in bounds if 0 <= b <= len(text))
    segments = []
    for start, end in itertools.pairwise(points):
        covering = tuple(e.pk for e in excerpts if e.start <= start and end <= e.end)
        segments.append(Segment(text[start:end], covering))
    return segments

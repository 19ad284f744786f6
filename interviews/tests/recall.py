"""How much of what was planted in a transcript the anonymiser and its flags take out, and
how many decoys they leave alone (``planted_corpus``; the bench and the recall test).

A reviewer is simulated who redacts every flag, one decision at a time, as the Flagged
words page does (``flags.decision_spans``): a planted detail counts as caught when none of
its letters or digits is left; a decoy as kept when every character of it is.
"""

from dataclasses import dataclass, field

from interviews.anonymisation.anonymiser import redact
from interviews.anonymisation.flags import (
    decision_spans,
    find_flags,
    phrase_pattern,
    replace_spans,
)
from interviews.anonymisation.name_lists import local_places
from interviews.tests.planted_corpus import DIRECTORY_ORGANISATIONS, DIRECTORY_PLACES


@dataclass
class Tally:
    planted: dict = field(default_factory=dict)  # kind: count
    by_anonymiser: dict = field(default_factory=dict)  # kind: caught by the anonymiser alone
    caught: dict = field(default_factory=dict)  # kind: caught by the anonymiser and flags
    missed: list = field(default_factory=list)  # (kind, value, context)
    decoys: int = 0
    decoys_kept: int = 0
    lost: list = field(default_factory=list)  # decoys taken
    decisions: int = 0  # flags a reviewer decided
    transcripts: int = 0

    def recall(self, counts=None):
        total = sum(self.planted.values())
        return sum((counts or self.caught).values()) / total if total else 0.0

    def decoys_rate(self):
        return self.decoys_kept / self.decoys if self.decoys else 0.0


def _place_names():
    names = set(local_places())
    for name in DIRECTORY_PLACES:
        names.add(name)
        names.update(part.strip() for part in name.split("&"))
    return phrase_pattern(names)


class Tracked:
    """A text whose every character remembers where it came from in the original."""

    def __init__(self, text):
        self.text = text
        self.origin = list(range(len(text)))

    def replace(self, spans, tag):
        for start, end in sorted(spans, reverse=True):
            self.origin[start:end] = [None] * len(tag)
        self.text = replace_spans(self.text, sorted(spans), tag)

    def left(self, start, end, original):
        kept = set(self.origin)
        return [i for i in range(start, end) if i in kept and original[i].isalnum()]

    def whole(self, start, end):
        kept = set(self.origin)
        return all(i in kept for i in range(start, end))


def measure(corpus):
    tally = Tally()
    places, organisations = _place_names(), phrase_pattern(DIRECTORY_ORGANISATIONS)
    for transcript in corpus:
        tally.transcripts += 1
        tracked = Tracked(transcript.text)
        findings = redact(transcript.text, transcript.names, DIRECTORY_PLACES).findings
        for finding in reversed(findings):
            tracked.replace([(finding.start, finding.end)], finding.replacement)
        after_anonymiser = set(tracked.origin)
        for _ in range(500):  # a reviewer redacting every flag, one at a time
            flags = find_flags(tracked.text, places=places, organisations=organisations)
            if not flags:
                break
            spans = decision_spans(tracked.text, flags[0], places)
            tally.decisions += 1
            tracked.replace(spans, "[REDACTED]")
        for kind, start, end, value in transcript.planted:
            tally.planted[kind] = tally.planted.get(kind, 0) + 1
            letters = [i for i in range(start, end) if transcript.text[i].isalnum()]
            if not any(i in after_anonymiser for i in letters):
                tally.by_anonymiser[kind] = tally.by_anonymiser.get(kind, 0) + 1
            if tracked.left(start, end, transcript.text):
                line = transcript.text[max(0, start - 40) : end + 20].replace("\n", " ")
                tally.missed.append((kind, value, line))
            else:
                tally.caught[kind] = tally.caught.get(kind, 0) + 1
        for start, end, value in transcript.decoys:
            tally.decoys += 1
            if tracked.whole(start, end):
                tally.decoys_kept += 1
            else:
                line = transcript.text[max(0, start - 40) : end + 20].replace("\n", " ")
                tally.lost.append((value, line))
    return tally

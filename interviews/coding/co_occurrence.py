"""Which themes tag overlapping passages, and how often: a row per pair of themes that do.

Counted in SQL over the final coding of interviews whose consent holds: an excerpt tagged
with one theme meets an excerpt of the same transcript, tagged with the other, whose span
overlaps it (an excerpt tagged with both meets itself). ``overlaps`` counts such meetings,
``participants`` the people whose interviews hold one.

Outside the interview team (Analysts' page, and every download) a pair with 1 or 2
participants is not shown, as the disclosure rules have it (``disclosure.control``): its
counts read "not shown". The table has no totals, so a hidden count cannot be worked out
from the others.
"""

from dataclasses import dataclass

from django.db.models import Count, F

from interviews.disclosure.control import SUPPRESSED, is_small
from interviews.models import Excerpt, Theme, consent_holds, final_coding
from scoping.shared.spreadsheets import csv_text, escape_formula

OTHER = "excerpt__interview__excerpts__"


@dataclass
class Pair:
    first: str
    second: str
    participants: object  # a count, or SUPPRESSED
    overlaps: object

    @property
    def hidden(self):
        return self.participants == SUPPRESSED

    @property
    def small(self):
        """Shown, but 1 or 2 participants: inside the interview team only."""
        return not self.hidden and is_small(self.participants)


def _rows(research_round):
    """One query: {(theme pk, other theme pk): (participants, overlaps)}, lower pk first;
    one research round's (every round's when ``None``)."""
    through = Excerpt.themes.through.objects.order_by()
    if research_round is not None:
        through = through.filter(excerpt__interview__participant__round=research_round)
    rows = (
        through.filter(consent_holds("excerpt__interview__") & final_coding("excerpt__"))
        .filter(  # one filter(): the conditions hold for the same other excerpt
            **{
                f"{OTHER}coding": "final",
                f"{OTHER}start__lt": F("excerpt__end"),
                f"{OTHER}end__gt": F("excerpt__start"),
                f"{OTHER}themes__gt": F("theme"),
            }
        )
        .values("theme_id", other=F(f"{OTHER}themes"))
        .annotate(
            participants=Count("excerpt__interview__participant", distinct=True),
            overlaps=Count("pk"),
        )
    )
    return {(r["theme_id"], r["other"]): (r["participants"], r["overlaps"]) for r in rows}


def theme_pairs(*, protected, research_round=None):
    """Pairs of themes on overlapping passages, most participants first (two queries)."""
    counts = _rows(research_round)
    ids = {pk for pair in counts for pk in pair}
    names = dict(Theme.objects.filter(pk__in=ids).values_list("pk", "name"))
    pairs = []
    for (first, second), (participants, overlaps) in counts.items():
        a, b = sorted((names[first], names[second]))
        if protected and is_small(participants):
            pairs.append(Pair(a, b, SUPPRESSED, SUPPRESSED))
        else:
            pairs.append(Pair(a, b, participants, overlaps))
    pairs.sort(
        key=lambda p: (p.hidden, -(p.participants if not p.hidden else 0), p.first, p.second)
    )
    return pairs


def co_occurrence_csv(research_round=None):
    """The table as it may leave the team: counts of 1 or 2 participants not shown."""
    rows = [
        [escape_formula(p.first), escape_formula(p.second), p.participants, p.overlaps]
        for p in theme_pairs(protected=True, research_round=research_round)
    ]
    return csv_text(
        [["Theme", "Other theme", "Participants", "Overlapping passages"], *rows],
        byte_order_mark=True,
    )

"""Releasing the interview figures: protected, audited, frozen.

The report pages show the interview panels from the latest release only. Live
figures would let a reader who reads a page before and after one new interview
(or one withdrawal) see that person's category in the difference. A release is
made by the interview team when they choose (``manage.py release_interview_figures``),
after reading what ``manage.py audit_interview_figures`` reports, and is protected
against that differencing too: solved together with the previous release, no
figure's change may be pinned to 1 or 2 people (``disclosure_audit.difference_pins``),
apart from the region's total (how many joined or left, not who). A withdrawal
after a release takes the panels off the pages until the next release.
See ``docs/disclosure.md``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from activities.models import Place
from interviews.disclosure.audit import difference_pins, hidden_ranges, pinned_cells
from interviews.disclosure.control import THRESHOLD, protect
from interviews.models import ResearchRound
from interviews.publication.rules import group_sizes
from reports.figures.tables import REGION
from reports.interview_figures.models import InterviewRelease
from reports.interview_figures.panels import PARTITIONS, THEMES, live_figures, release_figures
from reports.interview_figures.quote_cells import (
    cross_grid,
    quote_bounds,
    quote_words_blank,
    released_quotes,
)
from reports.study.quotes import quotes_to_release

EXEMPT = (("total", REGION),)  # whose change between releases may show


@dataclass
class Candidate:
    """What a release made now would publish, and how it was protected."""

    round: ResearchRound
    values: dict
    hidden: set
    lines: list
    at_most: list
    themes: dict
    previous: dict | None  # the latest release's figures ({key: count or None})
    quotes: list  # as ``reports.study.quotes.quotes_to_release`` gives them
    at_least: list  # what the quotes' labels say (``quote_cells.quote_bounds``)
    latent: set  # the cells behind the quotes' labels, never published
    previous_at_least: list  # what the latest release's quotes said

    def published(self):
        return [
            [list(k), None if k in self.hidden else v]
            for k, v in self.values.items()
            if k not in self.latent
        ]


def _previous_release(places, research_round):
    """(figures {key: count or None}, what its quotes said) of the round's latest release,
    or (None, [])."""
    release = InterviewRelease.objects.latest_release(research_round)
    if release is None:
        return None, []
    values, hidden, _ = release_figures(release)
    return values | dict.fromkeys(hidden), quote_bounds(released_quotes(release), places)


def round_by_slug(slug):
    """The research round with this short name (the latest if none); ValueError if unknown."""
    if not slug:
        return ResearchRound.objects.current()
    found = ResearchRound.objects.filter(slug=slug).first()
    if found is None:
        known = ", ".join(ResearchRound.objects.values_list("slug", flat=True))
        raise ValueError(f"There is no research round “{slug}”; the rounds are: {known}.")
    return found


def release_candidate(research_round=None):
    """The figures of a research round (the current one if not given) a release made now
    would publish (``CannotProtect`` when no pattern of hidden figures protects the change
    since the round's last release: wait for more interviews). Rounds hold different
    people, so a round's release is protected against its own earlier releases."""
    research_round = research_round or ResearchRound.objects.current()
    places = list(Place.objects.order_by("name"))
    values, lines, at_most, companions, themes = live_figures(places, research_round)
    sizes = group_sizes(research_round)
    cross_values, cross_lines, latent = cross_grid(places, sizes)
    values, lines = values | cross_values, lines + cross_lines
    quotes = quotes_to_release(sizes, research_round)
    at_least = quote_bounds(quotes, places)
    previous, previous_at_least = _previous_release(places, research_round)
    hidden = protect(
        values,
        lines,
        at_most,
        companions,
        previous=previous,
        exempt=EXEMPT,
        at_least=at_least,
        latent=latent,
        previous_at_least=previous_at_least,
    )
    return Candidate(
        research_round,
        values,
        hidden,
        lines,
        at_most,
        themes,
        previous,
        quotes,
        at_least,
        latent,
        previous_at_least,
    )


def audit(candidate):
    """What a determined reader could work out: (pinned counts, pinned changes since the
    last release). Both are empty for a release to go out."""
    c = candidate
    pinned = pinned_cells(c.values, c.hidden, c.lines, c.at_most, THRESHOLD, c.at_least, c.latent)
    changed = []
    if c.previous is not None:
        changed = difference_pins(
            c.values,
            c.hidden,
            c.previous,
            c.lines,
            c.at_most,
            exempt=EXEMPT,
            at_least=c.at_least,
            old_at_least=c.previous_at_least,
            latent=c.latent,
        )
    return pinned, changed


def ranges(candidate):
    """{hidden key: Range}: what a reader can work out about each hidden figure."""
    c = candidate
    return hidden_ranges(
        c.values, c.hidden, c.lines, c.at_most, at_least=c.at_least, latent=c.latent
    )


@transaction.atomic
def interview_figures_release(*, by=None, note="", research_round=None):
    """Protect, audit and freeze the interview figures and the quotes as they are now;
    returns the release. The earlier releases' quotes keep their labels (the next audit
    needs them) but lose their words: only the latest release's are ever shown."""
    candidate = release_candidate(research_round)
    pinned, changed = audit(candidate)
    if pinned or changed:  # protect() guarantees otherwise; never release on a doubt
        raise AssertionError("The audit found figures that could be worked out.")
    quote_words_blank(InterviewRelease.objects.filter(round=candidate.round))
    return InterviewRelease.objects.create(
        round=candidate.round,
        released_on=timezone.now(),
        released_by=by,
        note=note[:300],
        figures={
            "figures": candidate.published(),
            "themes": candidate.themes,
            "quotes": candidate.quotes,
        },
    )


def figure_label(key, themes, places):
    """A figure's key in words, e.g. "Leeds: Participants by sector: NHS"."""
    titles = {k: (title, {v: label for v, label, _ in cats}) for k, title, cats, _ in PARTITIONS}
    titles[THEMES] = ("Themes (participants)", themes)

    def where(pk):
        return "Region" if pk == REGION else places.get(pk, f"place {pk}")

    kind = key[0]
    if kind == "cross":
        sector, role = titles["interview_sector"][1], titles["interview_role"][1]
        return (
            f"{where(key[3])}: behind the quotes: {sector.get(key[1], key[1])}, "
            f"{role.get(key[2], key[2])}"
        )
    if kind == "total":
        return f"{where(key[1])}: participants interviewed"
    if kind == "region":
        title, labels = titles[key[1]]
        return f"Region: {title}: {labels.get(key[2], key[2])}"
    if kind == "cell":
        title, labels = titles[key[1]]
        return f"{where(key[2])}: {title}: {labels.get(key[3], key[3])}"
    return f"{where(key[2])}: Themes ({kind}): {themes.get(key[3], key[3])}"

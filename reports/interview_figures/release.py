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
from interviews.disclosure.control import protect
from reports.figures.tables import REGION
from reports.interview_figures.models import InterviewRelease
from reports.interview_figures.panels import PARTITIONS, THEMES, live_figures, release_figures

EXEMPT = (("total", REGION),)  # whose change between releases may show


@dataclass
class Candidate:
    """What a release made now would publish, and how it was protected."""

    values: dict
    hidden: set
    lines: list
    at_most: list
    themes: dict
    previous: dict | None  # the latest release's figures ({key: count or None})

    def published(self):
        return [[list(k), None if k in self.hidden else v] for k, v in self.values.items()]


def _previous_figures():
    release = InterviewRelease.objects.latest_release()
    if release is None:
        return None
    values, hidden, _ = release_figures(release)
    return values | dict.fromkeys(hidden)


def release_candidate():
    """The figures a release made now would publish (``CannotProtect`` when no pattern
    of hidden figures protects the change since the last release: wait for more
    interviews)."""
    places = list(Place.objects.order_by("name"))
    values, lines, at_most, companions, themes = live_figures(places)
    previous = _previous_figures()
    hidden = protect(values, lines, at_most, companions, previous=previous, exempt=EXEMPT)
    return Candidate(values, hidden, lines, at_most, themes, previous)


def audit(candidate):
    """What a determined reader could work out: (pinned counts, pinned changes since the
    last release). Both are empty for a release to go out."""
    c = candidate
    pinned = pinned_cells(c.values, c.hidden, c.lines, c.at_most)
    changed = []
    if c.previous is not None:
        changed = difference_pins(c.values, c.hidden, c.previous, c.lines, c.at_most, exempt=EXEMPT)
    return pinned, changed


def ranges(candidate):
    """{hidden key: Range}: what a reader can work out about each hidden figure."""
    c = candidate
    return hidden_ranges(c.values, c.hidden, c.lines, c.at_most)


@transaction.atomic
def interview_figures_release(*, by=None, note=""):
    """Protect, audit and freeze the interview figures as they are now; returns the release."""
    candidate = release_candidate()
    pinned, changed = audit(candidate)
    if pinned or changed:  # protect() guarantees otherwise; never release on a doubt
        raise AssertionError("The audit found figures that could be worked out.")
    return InterviewRelease.objects.create(
        released_on=timezone.now(),
        released_by=by,
        note=note[:300],
        figures={"figures": candidate.published(), "themes": candidate.themes},
    )


def figure_label(key, themes, places):
    """A figure's key in words, e.g. "Leeds: Participants by sector: NHS"."""
    titles = {k: (title, {v: label for v, label, _ in cats}) for k, title, cats, _ in PARTITIONS}
    titles[THEMES] = ("Themes (participants)", themes)

    def where(pk):
        return "Region" if pk == REGION else places.get(pk, f"place {pk}")

    kind = key[0]
    if kind == "total":
        return f"{where(key[1])}: participants interviewed"
    if kind == "region":
        title, labels = titles[key[1]]
        return f"Region: {title}: {labels.get(key[2], key[2])}"
    if kind == "cell":
        title, labels = titles[key[1]]
        return f"{where(key[2])}: {title}: {labels.get(key[3], key[3])}"
    return f"{where(key[2])}: Themes ({kind}): {themes.get(key[3], key[3])}"

"""The report pages' interview panels: who was interviewed, and the most frequent themes.

What is counted is people: participants with at least one interview, whatever
the state of its transcript, that rests on a consent signed beforehand; someone interviewed twice counts once. Sector,
role and paid/volunteer describe the person, not the conversation, and it is
people a small number could point at. A withdrawal deletes the participant with
their interviews and excerpts, so they drop out of every figure by themselves.

The report options (active only, date scoped) describe activities and do not
apply here. Two queries whatever the number of interviews: the participants
counted per place with every category (conditional aggregates, one pass), and
the coded themes counted per place. The region is the sum of the places: a
participant, their interviews and their excerpts belong to one place.

Counts too small to show are hidden before they reach a ``Row`` (as None), so
the page, the charts and the exports cannot show them: see ``disclosure``.

The pages show the latest *release* of these figures (``interview_release``),
never live counts, and nothing after a withdrawal until the team releases again.

Every figure belongs to one research round (the participants' round): a release counts one
round's interviews, and a page shows one round's latest release, or two rounds side by side
(``round_comparison``). The default is the latest round with released figures.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from activities.vocabulary.terms import Sector
from interviews.models import (
    Excerpt,
    Interview,
    Participant,
    ParticipantRole,
    ResearchRound,
    Withdrawal,
    consent_holds,
    final_coding,
)
from reports.figures.tables import INTERVIEWS, REGION, Breakdown, Row, count_alias, percent
from reports.interview_figures.models import InterviewRelease

# (key, title, [(value, label, condition on the participant)], note): one table each.
PARTITIONS = [
    (
        "interview_sector",
        "Participants by sector",
        [(value, label, Q(sector=value)) for value, label in Sector.choices],
        "",
    ),
    (
        "interview_role",
        "Participants by role",
        [(value, label, Q(role=value)) for value, label in ParticipantRole.choices],
        "Peer support workers include volunteers; managers include co-ordinators.",
    ),
    (
        "interview_paid",
        "Participants paid or volunteer",
        [("paid", "Paid", Q(paid=True)), ("volunteer", "Volunteer", Q(paid=False))],
        "Paid workers, managers and co-ordinators against unpaid volunteers.",
    ),
]
THEMES = "interview_themes"
TOP_THEMES = 10
THEMES_NOTE = (
    "The ten themes coded in the interviews of the most participants. A participant counts "
    "once for a theme however many passages were coded with it, and may have raised several "
    "themes, so the percentages (of everyone interviewed, coded yet or not) add up to more "
    "than 100."
)
NOUN = ("participant interviewed", "participants interviewed")


NOT_RELEASED = "The interview team has not released any interview figures yet."
BEING_REVISED = (
    "The interview figures are being revised after a participant withdrew; the team will "
    "release them again."
)


@dataclass
class InterviewPanels:
    breakdowns: list[Breakdown]
    interviewed: int | None  # participants interviewed in the page's place (or region)
    region_interviewed: int | None
    released_on: datetime.datetime | None  # when the figures shown were released
    withheld: str  # why no figures are shown, or ""
    round: ResearchRound | None = None  # the research round whose figures these are


def release_figures(release):
    """(values, hidden keys, {theme pk: name}) of a release: see ``interview_release``."""
    values, hidden = {}, set()
    for key, count in release.figures["figures"]:
        if count is None:
            hidden.add(tuple(key))
        else:
            values[tuple(key)] = count
    return values, hidden, release.figures["themes"]


def participant_counts(research_round):
    """{place pk: {alias: count}}: a round's participants interviewed, by every category
    (query 1)."""
    annotations = {"participants": Count("pk")}
    for key, _, categories, _ in PARTITIONS:
        for value, _, condition in categories:
            annotations[count_alias(key, value)] = Count("pk", filter=condition)
    interviewed = Exists(Interview.objects.consented().filter(participant=OuterRef("pk")))
    grouped = (
        Participant.objects.order_by()
        .filter(interviewed, round=research_round)
        .values("place_id")
        .annotate(**annotations)
    )
    return {g.pop("place_id"): g for g in grouped}


def theme_counts(research_round):
    """{theme pk: (name, {place pk: (participants, interviews, excerpts)})} of a round's
    interviews (query 2)."""
    place = "excerpt__interview__participant__place_id"
    grouped = (
        Excerpt.themes.through.objects.order_by()
        .filter(
            consent_holds("excerpt__interview__") & final_coding("excerpt__"),
            excerpt__interview__participant__round=research_round,
        )
        .values("theme_id", "theme__name", place)
        .annotate(
            participants=Count("excerpt__interview__participant_id", distinct=True),
            interviews=Count("excerpt__interview_id", distinct=True),
            excerpts=Count("excerpt_id", distinct=True),
        )
    )
    themes = {}
    for g in grouped:
        _, by_place = themes.setdefault(g["theme_id"], (g["theme__name"], {}))
        by_place[g[place]] = (g["participants"], g["interviews"], g["excerpts"])
    return themes


THEME_FIGURES = ("participants", "interviews", "excerpts")  # what a theme row counts


def _theme_key(figure, place_key, theme_pk):
    """The key of a theme's figure in a place (``place_key`` a pk) or the region (REGION)."""
    if figure == "participants":
        kind = "region" if place_key == REGION else "cell"
        return (
            (kind, THEMES, theme_pk) if place_key == REGION else (kind, THEMES, place_key, theme_pk)
        )
    return (figure, THEMES, place_key, theme_pk)


def _grid(places, participants, themes):
    """Every figure the pages show, by cell key; the lines that add up; the figures no larger
    than others; and the figures hidden along with another (see ``disclosure``)."""
    values, lines, at_most, companions = {}, [], [], {}
    place_totals = [("total", p.pk) for p in places]
    for p in places:
        values[("total", p.pk)] = participants.get(p.pk, {}).get("participants", 0)
    values[("total", REGION)] = sum(values[t] for t in place_totals)
    lines.append((place_totals, ("total", REGION)))
    for key, _, categories, _ in PARTITIONS:
        region_cells = []
        for value, _, _ in categories:
            cells = [("cell", key, p.pk, value) for p in places]
            for p, cell in zip(places, cells, strict=True):
                values[cell] = participants.get(p.pk, {}).get(count_alias(key, value), 0)
            region = ("region", key, value)
            values[region] = sum(values[c] for c in cells)
            lines.append((cells, region))
            region_cells.append(region)
        lines.append((region_cells, ("total", REGION)))
        for p in places:
            cells = [("cell", key, p.pk, value) for value, _, _ in categories]
            lines.append((cells, ("total", p.pk)))
    for theme_pk, (_, by_place) in themes.items():
        for i, figure in enumerate(THEME_FIGURES):
            cells = [_theme_key(figure, p.pk, theme_pk) for p in places]
            for p, cell in zip(places, cells, strict=True):
                values[cell] = by_place.get(p.pk, (0, 0, 0))[i]
            region = _theme_key(figure, REGION, theme_pk)
            values[region] = sum(values[c] for c in cells)
            lines.append((cells, region))
        for place_key in [p.pk for p in places] + [REGION]:
            people, interviews, excerpts = (
                _theme_key(f, place_key, theme_pk) for f in THEME_FIGURES
            )
            # No more participants raised it than were interviewed, or than interviews
            # raised it; no more interviews than excerpts coded with it.
            at_most += [
                (people, ("total", place_key)),
                (people, interviews),
                (interviews, excerpts),
            ]
            companions[people] = (interviews, excerpts)
    return values, lines, at_most, companions


class _Figures:
    """Reads the grid for one page: a figure, or None where it is hidden."""

    def __init__(self, values, hidden, place):
        self.values, self.hidden, self.place = values, hidden, place

    def total_key(self):
        """The key of the page's own total: its place's, or the region's."""
        return ("total", self.place.pk if self.place else REGION)

    def get(self, key):
        return None if key in self.hidden else self.values.get(key)

    def percent(self, key, total_key):
        count, total = self.get(key), self.get(total_key)
        return None if count is None or total is None else percent(count, total)

    def here(self, table, value):
        """The cell key of the page's own figure: the place's, or the region's."""
        if self.place is None:
            return ("region", table, value)
        return ("cell", table, self.place.pk, value)

    def row(self, table, value, label, extras=()):
        key = self.here(table, value)
        row = Row(value, label, self.get(key), self.percent(key, self.total_key()), extras=extras)
        if self.place is not None:
            region = ("region", table, value)
            row.region_count = self.get(region)
            row.region_percent = self.percent(region, ("total", REGION))
        return row


def _order(row):
    """Shown counts largest first, then hidden ones, then zeros; ties by the region, then name."""
    group = 1 if row.count is None else (0 if row.count else 2)
    return (group, -(row.count or 0), -(row.region_count or 0), row.label)


def _theme_order(row):
    """Most participants first, then most interviews and excerpts; hidden counts after shown."""
    group, count, region_count, label = _order(row)
    interviews, excerpts = (-(n or 0) for n in row.extras)
    return (group, count, interviews, excerpts, region_count, label)


def _breakdown(figures, key, title, rows, **extra):
    place = figures.place
    return Breakdown(
        key,
        title,
        figures.get(figures.total_key()),
        rows,
        compared=place is not None,
        region_total=figures.get(("total", REGION)),
        singular=NOUN[0],
        plural=NOUN[1],
        section=INTERVIEWS,
        **extra,
    )


def _theme_rows(figures, themes):
    rows = []
    for theme_pk, name in themes.items():
        key = figures.here(THEMES, theme_pk)
        if key not in figures.hidden and not figures.values.get(key):
            continue  # none here, or not in the release
        place_key = figures.place.pk if figures.place else REGION
        extras = tuple(figures.get(_theme_key(f, place_key, theme_pk)) for f in THEME_FIGURES[1:])
        rows.append(figures.row(THEMES, theme_pk, name, extras))
    return sorted(rows, key=_theme_order)[:TOP_THEMES]


def live_figures(places, research_round):
    """Every figure of a round counted now, with how they add up (two queries): (values,
    lines, at_most, companions, {theme pk: name}); ``reports.interview_figures.release``
    protects them."""
    participants = participant_counts(research_round)
    themes = {str(pk): counts for pk, counts in theme_counts(research_round).items()}
    values, lines, at_most, companions = _grid(places, participants, themes)
    return values, lines, at_most, companions, {pk: name for pk, (name, _) in themes.items()}


def rounds_with_figures():
    """The research rounds with released figures, latest first (one query): the page's
    choice of round; the first is the default."""
    return list(
        ResearchRound.objects.filter(interview_releases__isnull=False)
        .distinct()
        .order_by("-starts_on", "-pk")
    )


def interview_panels(places, place, research_round):
    """The interview breakdowns of the region's page (``place`` None) or of one place's,
    from the latest release of a round's figures (two queries: it, and the latest
    withdrawal). A withdrawal from any round takes them down until the next release (the
    tombstone does not keep the round)."""
    if research_round is None:
        return InterviewPanels([], None, None, None, NOT_RELEASED)
    release = InterviewRelease.objects.latest_release(research_round)
    last_withdrawal = Withdrawal.objects.order_by("-withdrawn_on").first()
    if release is None:
        return InterviewPanels([], None, None, None, NOT_RELEASED, research_round)
    if last_withdrawal is not None and last_withdrawal.withdrawn_on > release.released_on:
        return InterviewPanels([], None, None, release.released_on, BEING_REVISED, research_round)
    values, hidden, themes = release_figures(release)
    figures = _Figures(values, hidden, place)
    breakdowns = [
        _breakdown(
            figures,
            key,
            title,
            sorted((figures.row(key, value, label) for value, label, _ in categories), key=_order),
            note=note,
        )
        for key, title, categories, note in PARTITIONS
    ]
    where = "here" if place else "in the region"
    breakdowns.append(
        _breakdown(
            figures,
            THEMES,
            "Most frequent themes",
            _theme_rows(figures, themes),
            note=THEMES_NOTE,
            extra_headers=("Interviews", "Excerpts"),
            empty=f"No interview {where} has been coded with a theme yet.",
        )
    )
    return InterviewPanels(
        breakdowns,
        figures.get(figures.total_key()),
        figures.get(("total", REGION)),
        release.released_on,
        "",
        research_round,
    )


def round_comparison(shown, compared):
    """Two rounds' panels side by side: [(key, title, [(label, (count, percent) in the round
    shown, (count, percent) in the round compared)])], rows in the shown round's order, then
    those only the compared round has; None where a round's table has no such row (a theme
    not among its most frequent). Hidden figures stay hidden (a count of None)."""
    if shown.withheld or compared.withheld:
        return []
    tables = []
    for first, second in zip(shown.breakdowns, compared.breakdowns, strict=True):
        theirs = {row.label: row for row in second.rows}
        rows = [
            (row.label, (row.count, row.percent), _figures(theirs.pop(row.label, None)))
            for row in first.rows
        ]
        rows += [(label, None, _figures(row)) for label, row in theirs.items()]
        tables.append((first.key, first.title, rows))
    return tables


def _figures(row):
    """(count, percent) of a row, or None where the round's table has no such row (a theme
    not among its most frequent)."""
    return None if row is None else (row.count, row.percent)

"""Snapshots of the report figures, and the change since one.

``snapshot_take`` freezes what the report pages show now (the region and every
place: totals, populations and each activity breakdown) by building those very
reports, so a snapshot equals the live figures at the moment it is taken. The
study's own published figures are the first snapshot (``study_snapshot_load``,
from ``fixtures/study_snapshot.json``).

``change_since(report, snapshot)`` is the one way a page gets "61 activities;
55 in the 2020 study, +6": the headline figures of a report beside a snapshot's.

A snapshot's place figures count what the place pages counted by default when it
was taken: since the study's measure became the default, the activities serving
the place alone (``SnapshotArea.includes_region_wide`` False, as in the study's
own snapshot); snapshots taken before then counted its shared and region-wide
activities too (True). A place's figures now are set beside a snapshot's in the
snapshot's measure, whatever the page counts, and the page says when that differs.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from activities.records.data_version import current_token, data_version_renew, recount_pending
from reports.figures.summaries import ReportOptions, report_build
from reports.figures.tables import per_100k
from reports.snapshots.models import Snapshot, SnapshotArea

STUDY_SNAPSHOT_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "study_snapshot.json"
LIVE_SOURCE = "The live directory: every activity, whatever its status or date scoped."
REGION_POPULATION_SOURCE = "The places added together"
SINCE = "since"  # the URL parameter that picks a snapshot


class SnapshotError(ValueError):
    """A snapshot that cannot be taken as asked; the message says why."""


def _area(report):
    place = report.place
    return SnapshotArea(
        place_slug=place.slug if place else "",
        name=report.title,
        total=report.total,
        population=report.population,
        population_source=place.population_source if place else REGION_POPULATION_SOURCE,
        includes_region_wide=report.include_shared if place else True,
        breakdowns={
            b.key: {
                "title": b.title,
                "rows": [
                    {
                        "value": r.value,
                        "label": r.label,
                        "count": r.count,
                        "percent": None if r.percent is None else str(r.percent),
                    }
                    for r in b.rows
                ],
                "note": b.note,
            }
            for b in report.activity_breakdowns
        },
    )


def _live_areas(progress=None):
    """(as at, areas) for the region and every place, all read at one data version.

    The figures are read again if the directory changed while they were being
    read, so no snapshot mixes two moments. ``progress(done, total)`` hears of each
    area read (a job's progress bar).
    """
    progress = progress or (lambda done, total: None)
    if recount_pending():  # a change not yet counted: count it, so "as at" is true
        data_version_renew()
    for _attempt in range(5):
        token = current_token()
        as_at = timezone.now()
        region = report_build(options=ReportOptions())
        total = len(region.places) + 1
        progress(1, total)
        reports = [region]
        for figures in region.places:
            reports.append(report_build(options=ReportOptions(), place_slug=figures.place.slug))
            progress(len(reports), total)
        if current_token() == token:
            return as_at, [_area(report) for report in reports]
    raise SnapshotError("The directory kept changing while its figures were read; try again.")


def snapshot_name_check(name):
    """(name with its spaces tidied, slug) for a new snapshot; ``SnapshotError`` says why not."""
    name = " ".join((name or "").split())
    slug = slugify(name)
    if not slug:
        raise SnapshotError("Give the snapshot a name with letters or digits in it.")
    if len(name) > 200:
        raise SnapshotError("A snapshot's name may be at most 200 characters.")
    if Snapshot.objects.filter(name=name).exists() or Snapshot.objects.filter(slug=slug).exists():
        raise SnapshotError(f"There is already a snapshot called “{name}”.")
    return name, slug


@transaction.atomic
def snapshot_take(*, name, user=None, label="", note="", progress=None):
    """Freeze the live report figures under ``name``; refused if the name or its slug is
    taken. ``progress(done, total)`` hears of each area (region, places) read."""
    name, slug = snapshot_name_check(name)
    as_at, areas = _live_areas(progress)
    snapshot = Snapshot.objects.create(
        name=name,
        slug=slug,
        label=label or name,
        as_at=as_at,
        source=LIVE_SOURCE,
        note=note,
        taken_by=user,
    )
    for area in areas:
        area.snapshot = snapshot
    SnapshotArea.objects.bulk_create(areas)
    return snapshot


def study_snapshot_records(path=STUDY_SNAPSHOT_FIXTURE):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def study_snapshot_load(*, snapshot_model=Snapshot, area_model=SnapshotArea, path=None):
    """Add the study's published figures as a snapshot unless one with its slug exists.

    Takes the models so the data migration can pass its historical ones.
    Returns the snapshot created, or None.
    """
    data = study_snapshot_records(path or STUDY_SNAPSHOT_FIXTURE)
    if snapshot_model.objects.filter(slug=data["slug"]).exists():
        return None
    snapshot = snapshot_model.objects.create(
        name=data["name"],
        slug=data["slug"],
        label=data["label"],
        as_at=parse_datetime(data["as_at"]),
        source=data["source"],
        note=data["note"],
    )
    area_model.objects.bulk_create(area_model(snapshot=snapshot, **area) for area in data["areas"])
    return snapshot


# Reading a snapshot beside a report.


@dataclass(frozen=True)
class Change:
    """A figure now, beside a snapshot's: "61; 55 in the 2020 study, +6"."""

    now: Decimal | int | None
    then: Decimal | int | None

    @property
    def known(self):
        return self.now is not None and self.then is not None

    @property
    def difference(self):
        return self.now - self.then if self.known else None

    @property
    def signed(self):
        """The difference with its sign ("+6", "−3"), or "no change"; "" when not known."""
        if not self.known:
            return ""
        d = self.difference
        if d == 0:
            return "no change"
        return f"+{d:,}" if d > 0 else f"−{-d:,}"


@dataclass
class RowChange:
    label: str
    now: int | None
    then: int | None
    then_percent: str | None
    now_percent: Decimal | None
    comparable: bool = True  # False: the counts now include activities the snapshot's did not

    @property
    def change(self):
        return Change(self.now, self.then) if self.comparable else Change(self.now, None)


@dataclass
class BreakdownChange:
    key: str
    title: str
    rows: list[RowChange]
    note: str = ""


@dataclass
class ChangeSince:
    """A report's headline figures beside one snapshot's, for the region or one place."""

    snapshot: Snapshot
    area: SnapshotArea | None
    total: Change
    population: Change
    per_100k: Change
    places: dict = field(default_factory=dict)  # place slug: Change of its total (region page)
    breakdowns: list[BreakdownChange] = field(default_factory=list)
    # How a place's figures are compared when not as the page counts them: ALONE (the
    # page includes the shared and region-wide ones, the snapshot did not) or SERVING.
    measure: str = ""
    places_measure: str = ""  # likewise, the places' figures on the region's page

    @property
    def label(self):
        return self.snapshot.label

    def sentence(self, name):
        """ "Leeds: 61 activities; 55 in the 2020 study, +6"."""
        now = self.total.now
        text = f"{name}{MEASURE_WORDS.get(self.measure, '')}: "
        text += f"{now:,} {'activity' if now == 1 else 'activities'}"
        if self.total.then is None:
            return f"{text}; no figure in {self.label}"
        return f"{text}; {self.total.then:,} in {self.label}, {self.total.signed}"


ALONE, SERVING = "alone", "serving"
MEASURE_WORDS = {ALONE: " (serving it alone)", SERVING: " (with its shared and region-wide ones)"}


def _measure(area, include_shared):
    """ALONE or SERVING: how ``area``'s place figures counted, when not as ``include_shared``."""
    if area is None or area.includes_region_wide == include_shared:
        return ""
    return SERVING if area.includes_region_wide else ALONE


def _place_now(figures, area):
    """A place's activities now, counted as ``area`` counted them (as its page does, without)."""
    if area is None:
        return figures.count
    return figures.serving if area.includes_region_wide else figures.own


def _breakdown_changes(area, report, comparable=True):
    changes = []
    for key, frozen in (area.breakdowns or {}).items():
        live = next((b for b in report.activity_breakdowns if b.key == key), None)
        live_rows = {r.value: r for r in live.rows} if live else {}
        rows = []
        for row in frozen.get("rows", []):
            now = live_rows.get(row["value"])
            rows.append(
                RowChange(
                    row["label"],
                    now.count if now else None,
                    row.get("count"),
                    row.get("percent"),
                    now.percent if now else None,
                    comparable,
                )
            )
        changes.append(BreakdownChange(key, frozen.get("title", key), rows, frozen.get("note", "")))
    return changes


def change_since(report, snapshot):
    """The report's headline figures beside ``snapshot``'s for the same area.

    ``snapshot.areas`` should be prefetched (``snapshot_chosen`` does); an area the
    snapshot has no figures for gives changes whose ``then`` is None.
    """
    areas = {a.place_slug: a for a in snapshot.areas.all()}
    slug = report.place.slug if report.place else ""
    area = areas.get(slug)
    then_total = area.total if area else None
    then_population = area.population if area else None
    include = report.options.include_shared
    now_total, measure = report.total, ""
    if report.place is not None and area is not None:
        measure = _measure(area, include)
        now_total = report.serving_total if area.includes_region_wide else report.own_total
    places = {}
    places_measure = ""
    if report.place is None:
        for figures in report.places:
            frozen = areas.get(figures.place.slug)
            places[figures.place.slug] = Change(
                _place_now(figures, frozen), frozen.total if frozen else None
            )
            places_measure = places_measure or _measure(frozen, include)
    return ChangeSince(
        snapshot=snapshot,
        area=area,
        total=Change(now_total, then_total),
        population=Change(report.population, then_population),
        per_100k=Change(
            per_100k(now_total, report.population),
            per_100k(then_total, then_population) if then_total is not None else None,
        ),
        places=places,
        breakdowns=_breakdown_changes(area, report, comparable=not measure) if area else [],
        measure=measure,
        places_measure=places_measure,
    )


def snapshot_chosen(slug, *, with_areas=True):
    """(every snapshot, the one ``slug`` names or else the first, an error message or "").

    Two queries: the snapshots, then (``with_areas``) the chosen one's areas.
    """
    snapshots = list(Snapshot.objects.order_by("as_at", "pk"))
    if not snapshots:
        return snapshots, None, ""
    error = ""
    chosen = snapshots[0]
    if slug:
        found = next((s for s in snapshots if s.slug == slug), None)
        if found is None:
            error = f"There is no snapshot “{slug[:100]}”; showing {chosen.label} instead."
        else:
            chosen = found
    if with_areas:
        prefetch_related_objects([chosen], "areas")
    return snapshots, chosen, error


def report_change_context(request, report):
    """The template context for a report page's change-since panel.

    ``change`` (a ``ChangeSince``, or None without snapshots) is what a headline
    sentence needs: ``change.sentence(report.title)`` gives "Leeds: 61 activities;
    55 in the 2020 study, +6", and ``change.total`` the figures.
    """
    if report is None:
        return {}
    snapshots, chosen, error = snapshot_chosen(request.GET.get(SINCE, ""))
    return {
        "snapshots": snapshots,
        "change": change_since(report, chosen) if chosen else None,
        "since_error": error,
        "options_chosen": report.options != ReportOptions(),
    }

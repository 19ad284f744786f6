"""The narrative highlights beside a report page's figures, and frozen snapshots of those figures."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from activities.models import Place
from activities.vocabulary.terms import ENUMERATIONS

# What a highlight may be about: a breakdown of the report (its key and title).
HIGHLIGHT_SUBJECTS = [
    *((e.key, e.title) for e in ENUMERATIONS),
    ("shared_experience", "Shared experience"),
]


class HighlightQuerySet(models.QuerySet):
    def for_report(self, place=None):
        """The highlights of one place's page, or of the region's when ``place`` is None."""
        if place is None:
            return self.filter(place__isnull=True)
        return self.filter(place=place)


class Highlight(models.Model):
    """One narrative point of a report page: for a place, or for the region when empty."""

    place = models.ForeignKey(
        Place,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="highlights",
        help_text="Leave empty for a highlight of the whole region.",
    )
    text = models.TextField(help_text="One point, in a sentence or two. No names of people.")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Highlights are shown in this order, lowest first."
    )
    written_on = models.DateField(
        default=timezone.localdate, help_text="The page shows it as “Written March 2020”."
    )
    about = models.CharField(
        max_length=30,
        blank=True,
        choices=HIGHLIGHT_SUBJECTS,
        help_text="The breakdown whose order of categories the text describes, if any.",
    )
    written_total = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Its page's activities when it was written (recorded when it is saved).",
    )
    written_order = models.JSONField(
        default=list,
        blank=True,
        help_text="The leading categories of “about”, in order, when it was written.",
    )

    objects = HighlightQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("place__name").asc(nulls_first=True), "order", "pk"]
        permissions = [("view_report", "Can view the place and region reports")]

    def __str__(self):
        return f"{self.scope_name} highlight {self.order}"

    @property
    def scope_name(self):
        return self.place.name if self.place_id else "Region"


class InterviewReleaseQuerySet(models.QuerySet):
    def latest_release(self):
        return self.order_by("-released_on", "-pk").first()


class InterviewRelease(models.Model):
    """The interview figures as the report pages show them, frozen when the team released
    them (``manage.py release_interview_figures``, after ``audit_interview_figures``).

    The pages never show live interview counts: a page read before and after one new
    interview or one withdrawal would show that person's category by the difference.
    Only the figures the pages show are kept (hidden ones as null), never a count of 1
    or 2 or anything about a person; see ``reports.interview_figures.release``.
    """

    released_on = models.DateTimeField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True, help_text="What this release is for.")
    figures = models.JSONField(help_text="[[key, count or null], ...] and the themes' names.")

    objects = InterviewReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-released_on"]

    def __str__(self):
        return f"Interview figures released on {self.released_on:%d %b %Y %H:%M}"


class Snapshot(models.Model):
    """The report figures frozen at one moment: a re-scoping, or the study as published.

    Each area (the region, each place) is a ``SnapshotArea``; nothing in a
    snapshot is recomputed afterwards, so later changes to activities or
    populations never move it.
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True, help_text="Picks it in a page's URL.")
    label = models.CharField(
        max_length=100, help_text="How a sentence names it: “55 in the 2020 study”."
    )
    as_at = models.DateTimeField("as at", help_text="When its figures were true.")
    source = models.CharField(
        max_length=300, help_text="Where the figures come from: the live directory, or a report."
    )
    note = models.TextField(blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["as_at", "pk"]

    def __str__(self):
        return self.name


class SnapshotArea(models.Model):
    """One area's frozen figures: the region (no place slug) or one place.

    ``breakdowns`` is {breakdown key: {"title", "rows": [{"value", "label",
    "count", "percent"}], "note"}}; a count or percentage the source did not
    give is null, and the note says why.
    """

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="areas")
    place_slug = models.SlugField(max_length=100, blank=True, help_text="Empty for the region.")
    name = models.CharField(max_length=100)
    total = models.PositiveIntegerField("activities", null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_source = models.CharField(max_length=200, blank=True)
    breakdowns = models.JSONField(default=dict, blank=True)
    includes_region_wide = models.BooleanField(
        default=True,
        help_text="Whether a place's figures count the region-wide activities, as its page "
        "does now; the study's place pages did not.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["snapshot", "place_slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "place_slug"], name="snapshot_area_unique_per_snapshot"
            )
        ]

    def __str__(self):
        return f"{self.snapshot}: {self.name}"

    @property
    def is_region(self):
        return not self.place_slug


# The study's conclusions live in their own modules; imported here so Django finds them.
from reports.study.literature_models import LiteratureSource, ReviewTheme  # noqa: E402, F401
from reports.study.recommendation_models import ActionProgress, RecommendationArea, SuggestedAction  # noqa: E402, F401

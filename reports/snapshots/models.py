"""Frozen snapshots of the report figures: a snapshot and each of its areas' figures."""

from django.conf import settings
from django.db import models


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

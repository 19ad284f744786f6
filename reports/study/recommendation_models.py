"""The study's recommendations and the progress each place records against them.

The study offers its recommendations as ten "areas for consideration", each with
suggested actions (sixty in all); their wording is the study's own
(``fixtures/recommendations.json``, loaded by ``reports.study.services``). Progress is
what a place (or one organisation in it) has done about an action: a status and
a dated note, kept with its history, entered by champions in the admin.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from activities.models import Organisation, Place


class RecommendationArea(models.Model):
    """One of the study's areas for consideration, in the study's order."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(
        blank=True, help_text="What the study recommends for this area, in its own words."
    )

    class Meta:
        ordering = ["number"]
        verbose_name = "area for consideration"
        verbose_name_plural = "areas for consideration"

    def __str__(self):
        return f"{self.number}. {self.title}"


class SuggestedActionQuerySet(models.QuerySet):
    def in_study_order(self):
        return self.select_related("area").order_by("area__number", "number")


class SuggestedAction(models.Model):
    """One suggested action of an area, in the study's words."""

    area = models.ForeignKey(RecommendationArea, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField(help_text="Its place within the area, from 1.")
    text = models.TextField()

    objects = SuggestedActionQuerySet.as_manager()

    class Meta:
        ordering = ["area__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="action_number_unique_in_area")
        ]

    def __str__(self):
        return f"Action {self.label}"

    @property
    def label(self):
        """``3.2``: the area's number and the action's number within it."""
        return f"{self.area.number}.{self.number}"


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class ActionProgress(models.Model):
    """Where a place, or one organisation in it, has got to with a suggested action."""

    action = models.ForeignKey(SuggestedAction, on_delete=models.CASCADE, related_name="progress")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="action_progress")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_progress",
        help_text="Leave empty for the place as a whole.",
    )
    status = models.CharField(max_length=20, choices=ProgressStatus.choices)
    note = models.TextField(blank=True, help_text="What has been done or decided. No names.")
    noted_on = models.DateField(help_text="The date the note describes.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["action__area__number", "action__number", "place__name"]
        verbose_name = "recommendation progress"
        verbose_name_plural = "recommendation progress"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProgressStatus.values), name="progress_status_valid"
            ),
            models.UniqueConstraint(
                fields=["action", "place"],
                condition=Q(organisation__isnull=True),
                name="progress_one_per_place",
                violation_error_message="This place already has progress recorded for this action.",
            ),
            models.UniqueConstraint(
                fields=["action", "place", "organisation"],
                condition=Q(organisation__isnull=False),
                name="progress_one_per_organisation",
                violation_error_message=(
                    "This organisation already has progress recorded for this action here."
                ),
            ),
        ]

    def __str__(self):
        return f"Progress on action {self.action.label} ({self.place.name})"

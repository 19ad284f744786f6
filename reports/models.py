"""The narrative highlights the team writes beside the figures of a report page."""

from django.db import models
from simple_history.models import HistoricalRecords

from activities.models import Place


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


# The study's conclusions live in their own modules; imported here so Django finds them.
from .literature_models import LiteratureSource, ReviewTheme  # noqa: E402, F401
from .recommendation_models import ActionProgress, RecommendationArea, SuggestedAction  # noqa: E402, F401

"""The narrative highlights the team writes beside the figures of a report page."""

from django.conf import settings
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


class InterviewReleaseQuerySet(models.QuerySet):
    def latest_release(self):
        return self.order_by("-released_on", "-pk").first()


class InterviewRelease(models.Model):
    """The interview figures as the report pages show them, frozen when the team released
    them (``manage.py release_interview_figures``, after ``audit_interview_figures``).

    The pages never show live interview counts: a page read before and after one new
    interview or one withdrawal would show that person's category by the difference.
    Only the figures the pages show are kept (hidden ones as null), never a count of 1
    or 2 or anything about a person; see ``reports.interview_release``.
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

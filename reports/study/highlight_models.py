"""The highlights beside a report page's figures: for a place, or for the region, each with
the figures it was written against (whether it still holds is
``reports.study.highlight_holds``). The study's own bullets, word for word, carry the line
of the study's text they come from (``study_line``); the team may add its own."""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from activities.models import Place
from activities.vocabulary.terms import ENUMERATIONS

# What a highlight may be about: a breakdown of the report's activities (its key and
# title), their total, or who was interviewed (an interview panel's key).
ACTIVITY_SUBJECTS = [
    *((e.key, e.title) for e in ENUMERATIONS),
    ("shared_experience", "Shared experience"),
]
TOTAL = "total"
INTERVIEW_SUBJECTS = [
    ("interview_sector", "Who was interviewed: sector"),
    ("interview_paid", "Who was interviewed: paid or volunteer"),
]
HIGHLIGHT_SUBJECTS = [
    *ACTIVITY_SUBJECTS,
    (TOTAL, "The number of activities"),
    *INTERVIEW_SUBJECTS,
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
        help_text="What the text describes, if a figure: the page shows today's beside it.",
    )
    study_line = models.PositiveIntegerField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The study's own bullet: the line of the study's text it comes from.",
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
    def is_the_studys(self):
        return self.study_line is not None

    @property
    def scope_name(self):
        return self.place.name if self.place_id else "Region"

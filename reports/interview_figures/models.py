"""The interview figures the report pages show, frozen in releases by the interview team."""

from django.conf import settings
from django.db import models


class InterviewReleaseQuerySet(models.QuerySet):
    def latest_release(self, research_round=None):
        """The latest release of a round's figures (of any round, without one)."""
        releases = self if research_round is None else self.filter(round=research_round)
        return releases.order_by("-released_on", "-pk").first()


class InterviewRelease(models.Model):
    """The interview figures as the report pages show them, frozen when the team released
    them (``manage.py release_interview_figures``, after ``audit_interview_figures``).

    The pages never show live interview counts: a page read before and after one new
    interview or one withdrawal would show that person's category by the difference.
    Only the figures the pages show are kept (hidden ones as null), never a count of 1
    or 2 or anything about a person; see ``reports.interview_figures.release``.
    """

    round = models.ForeignKey(
        "interviews.ResearchRound",
        on_delete=models.CASCADE,
        related_name="interview_releases",
        help_text="The research round whose interviews these figures count.",
    )
    released_on = models.DateTimeField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True, help_text="What this release is for.")
    figures = models.JSONField(
        help_text="The figures as released (a hidden figure has no count) and the themes' names."
    )

    objects = InterviewReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-released_on"]

    def __str__(self):
        return f"{self.round} interview figures released on {self.released_on:%d %b %Y %H:%M}"

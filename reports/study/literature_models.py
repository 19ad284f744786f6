"""The study's literature review: the sources it cites and the themes it drew from them.

The study analysed 39 sources but printed no bibliography ("available on
request"), so a source here is what the review's text gives: the citation as
written (author and year), the pages it quotes, and the themes under which it
is cited. Type and focus are left empty unless somebody records them from the
full bibliography; nothing is guessed.
"""

from django.db import models
from django.db.models import Q


class ReviewGroup(models.TextChoices):
    """The five questions the review answered (its Discussion), in its order."""

    PEER = "peer", "Defining the term “peer”"
    PEER_SUPPORT = "peer_support", "Defining the term “peer support”"
    VALUES = "values", "Values and principles of peer support"
    CHALLENGES = "challenges", "Challenges and barriers"
    BENEFITS = "benefits", "Benefits and successes"


class SourceType(models.TextChoices):
    ACADEMIC = "academic", "Academic"
    GREY = "grey", "Grey literature"
    EXPERIENTIAL = "experiential", "Experiential"


class SourceFocus(models.TextChoices):
    """The focus categories of the review's "Literature focus" chart."""

    PROJECT_EVALUATIONS = "project_evaluations", "Project evaluations"
    SERVICE_REPORTS = "service_reports", "Service reports"
    DELIVERY = "delivery", "Delivery/development"
    VALUES = "values", "Principles and values"
    FINANCIAL_CASE = "financial_case", "Financial case"
    DEFINING = "defining", "Defining peer support"
    WORKFORCE = "workforce", "Peer support workforce"
    PERSONAL = "personal", "Personal experiences"
    LITERATURE_REVIEW = "literature_review", "Literature review"


class ReviewTheme(models.Model):
    """A theme of the review: a heading under one of its five questions.

    An empty ``name`` is the question itself (sources cited in its introduction).
    ``codebook_themes`` are the interview codebook's themes that correspond, so
    the national picture can be set beside what the WY&H workforce said.
    """

    group = models.CharField(max_length=20, choices=ReviewGroup.choices)
    name = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    codebook_themes = models.ManyToManyField(
        "interviews.Theme",
        blank=True,
        related_name="review_themes",
        help_text="The codebook's themes that correspond to this one.",
    )

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="review_theme_unique"),
            models.CheckConstraint(
                condition=Q(group__in=ReviewGroup.values), name="review_theme_group_valid"
            ),
        ]

    def __str__(self):
        return self.name or self.get_group_display()


class LiteratureSource(models.Model):
    """One source of the review, recorded as far as the study describes it."""

    cited_as = models.CharField(
        max_length=200, unique=True, help_text="As the review cites it, e.g. Mind 2013."
    )
    author = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(
        max_length=500, blank=True, help_text="Only from the full bibliography; never guessed."
    )
    source_type = models.CharField("type", max_length=20, choices=SourceType.choices, blank=True)
    focus = models.CharField(max_length=30, choices=SourceFocus.choices, blank=True)
    pages_cited = models.CharField(max_length=200, blank=True)
    themes = models.ManyToManyField(ReviewTheme, blank=True, related_name="sources")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["author", "year", "cited_as"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source_type__in=[*SourceType.values, ""]),
                name="literature_source_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(focus__in=[*SourceFocus.values, ""]),
                name="literature_source_focus_valid",
            ),
        ]

    def __str__(self):
        return self.cited_as

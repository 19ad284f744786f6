"""The codebook and the coded passages: themes (with a history of their name, parent and
description, never an excerpt) and excerpts of approved transcripts tagged with them.

Only excerpts of interviews whose consent holds are counted or listed; no ``__str__``
shows a quote.

Each excerpt belongs to one **coding** of its transcript (``CodingLayer``): the final
coding, or the first or second coder's blind coding while two members of the team code a
transcript (``DoubleCoding``). Everything outside the coding screens (theme pages, the
matrix, exports, quotes, report figures) reads the final coding only (``final()``,
``final_coding``); erasure deletes every coding.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from simple_history.models import HistoricalRecords

from interviews.recording.interviews import Interview, consent_holds


class ThemeSource(models.TextChoices):
    """Where the study found a theme, so its national and local findings can be compared."""

    INTERVIEWS = "interviews", "WY&H interviews"
    LITERATURE = "literature", "National literature review"
    BOTH = "both", "Both"


class CodingLayer(models.TextChoices):
    """Whose coding an excerpt belongs to."""

    FINAL = "final", "Final coding"
    FIRST = "first", "First coder"
    SECOND = "second", "Second coder"


def final_coding(prefix=""):
    """A ``Q`` keeping excerpts of the final coding: ``prefix`` leads to the excerpt."""
    return Q(**{f"{prefix}coding": CodingLayer.FINAL})


class ThemeQuerySet(models.QuerySet):
    def for_codebook(self, research_round=None):
        """Each theme with its excerpts and interviews counted: the final coding of
        consented interviews, of one research round (every round's when ``None``)."""
        counted = consent_holds("excerpts__interview__") & final_coding("excerpts__")
        if research_round is not None:
            counted &= Q(excerpts__interview__participant__round=research_round)
        return self.select_related("parent").annotate(
            excerpt_count=Count("excerpts", filter=counted, distinct=True),
            interview_count=Count("excerpts__interview", filter=counted, distinct=True),
        )


class Theme(models.Model):
    """A code of the codebook; a theme may sit under a parent theme."""

    name = models.CharField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)
    source = models.CharField(
        max_length=20,
        choices=ThemeSource.choices,
        default=ThemeSource.INTERVIEWS,
        help_text="Found in the WY&H interviews, the national literature review, or both.",
    )

    objects = ThemeQuerySet.as_manager()
    # Codebook entries, not personal data: the excerpts tagged with a theme are
    # linked from Excerpt (not tracked), so no quote reaches this history.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=ThemeSource.values), name="theme_source_valid"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent is not None and self.parent.is_within(self):
            raise ValidationError({"parent": "A theme cannot sit under itself."})

    def is_within(self, other):
        """Whether this theme is ``other`` or sits under it, at any depth.

        Walks up ``parent`` (a query a level, unless the parents are loaded).
        Saved themes are the same theme when their primary keys are; unsaved ones
        (a codebook import's plan) only when they are the same object. A loop
        that does not pass ``other`` ends the walk.
        """
        theme, passed = self, set()
        while theme is not None:
            if theme == other:
                return True
            key = ("saved", theme.pk) if theme.pk is not None else ("unsaved", id(theme))
            if key in passed:
                return False
            passed.add(key)
            theme = theme.parent
        return False


class ExcerptQuerySet(models.QuerySet):
    def final(self):
        """The final coding: what every page, export and figure outside coding reads."""
        return self.filter(final_coding())

    def consented(self):
        """Excerpts of interviews whose consent holds (see ``InterviewQuerySet.consented``)."""
        return self.filter(consent_holds("interview__"))

    def for_listing(self):
        """Excerpts with what a theme page or export shows; never the identity."""
        return (
            self.final()
            .consented()
            .select_related("interview__participant__place", "interview__participant__round")
            .defer("interview__transcript")
            .prefetch_related("themes")
            .order_by("interview__participant__code", "interview_id", "start")
        )


class Excerpt(models.Model):
    """A coded passage: a span of an approved transcript, tagged with themes."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="excerpts")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(editable=False)
    themes = models.ManyToManyField(Theme, related_name="excerpts")
    memo = models.TextField(blank=True)
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    coded_on = models.DateTimeField(auto_now_add=True)
    coding = models.CharField(
        max_length=6,
        choices=CodingLayer.choices,
        default=CodingLayer.FINAL,
        db_index=True,
        help_text="The transcript's final coding, or a coder's own while two people code "
        "it blind; only the final coding is counted, listed and published.",
    )

    objects = ExcerptQuerySet.as_manager()

    class Meta:
        ordering = ["interview", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="excerpt_span_not_empty"),
            models.CheckConstraint(
                condition=Q(coding__in=CodingLayer.values), name="excerpt_coding_valid"
            ),
        ]

    def __str__(self):
        return f"Excerpt {self.pk} of {self.interview.participant.code}"


class DoubleCoding(models.Model):
    """Two members of the team code one transcript, each blind to the other's excerpts;
    once both have finished, their codings are compared and the pair settle them into
    the transcript's final coding. The two codings are kept afterwards, as the record of
    the agreement."""

    interview = models.OneToOneField(
        Interview, on_delete=models.CASCADE, related_name="double_coding"
    )
    first_coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    second_coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_on = models.DateTimeField(auto_now_add=True)
    first_finished_on = models.DateTimeField(null=True, blank=True)
    second_finished_on = models.DateTimeField(null=True, blank=True)
    settled_on = models.DateTimeField(null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(first_coder=F("second_coder")), name="double_coding_two_people"
            )
        ]

    def __str__(self):
        return f"Double coding of interview {self.interview_id}"

    @property
    def is_open(self):
        return self.settled_on is None

    @property
    def both_finished(self):
        return self.first_finished_on is not None and self.second_finished_on is not None

    def layer_of(self, user):
        """The coding ``user`` does here (first or second), or None if not one of the pair."""
        if user.pk is not None and user.pk == self.first_coder_id:
            return CodingLayer.FIRST
        if user.pk is not None and user.pk == self.second_coder_id:
            return CodingLayer.SECOND
        return None

    def finished_on(self, layer):
        return self.first_finished_on if layer == CodingLayer.FIRST else self.second_finished_on

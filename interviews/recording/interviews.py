"""Interviews and what they rest on: the question guides, the consent gate every interview
must pass (``consent_holds`` in queries, ``consent_problems`` for one interview), and
each place's signposting information shown to the interviewer.

An interview holds its transcript; no ``__str__`` shows it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q

from interviews.recording.choices import (
    INTERVIEW_TEAM_ONLY,
    AnonymisationStatus,
    InterviewMode,
    ParticipantRole,
    TranscriptionMethod,
)


class InterviewGuideManager(models.Manager):
    def get_by_natural_key(self, slug, version):
        return self.get(slug=slug, version=version)


class InterviewGuide(models.Model):
    """A question guide (one for workers and volunteers, one for managers), in a version.

    A version's questions do not change once an interview has used it: a revised
    guide is a new version, so every interview says which questions it asked.
    """

    slug = models.SlugField(max_length=50)
    version = models.CharField(max_length=40, default="1")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    questions = models.JSONField(
        default=list, help_text="The questions in order, word for word with their prompts."
    )

    objects = InterviewGuideManager()

    class Meta:
        ordering = ["name", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="guide_slug_version_unique")
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    def natural_key(self):
        return (self.slug, self.version)


def consent_holds(prefix=""):
    """The interview's participant consented to be interviewed, on or before its date."""
    return Q(
        **{
            f"{prefix}participant__consent__happy_to_be_interviewed": True,
            f"{prefix}participant__consent__signed_on__lte": F(f"{prefix}held_on"),
        }
    )


class InterviewQuerySet(models.QuerySet):
    def consented(self):
        """Interviews resting on a consent that predates them: the only ones that count."""
        return self.filter(consent_holds())

    def without_consent(self):
        """Interviews whose consent is missing, unticked or signed after: flagged, never used."""
        return self.exclude(consent_holds())

    def in_round(self, research_round):
        """A research round's interviews: those of its participants."""
        return self.filter(participant__round=research_round)

    def for_listing(self):
        return (
            self.consented()
            .select_related("participant__place", "interviewer")
            .annotate(excerpt_count=Count("excerpts", filter=Q(excerpts__coding="final")))
            .defer("transcript")
            .order_by("-held_on", "participant__code")
        )


class Interview(models.Model):
    participant = models.ForeignKey(
        "interviews.Participant", on_delete=models.CASCADE, related_name="interviews"
    )
    held_on = models.DateField()
    mode = models.CharField(max_length=20, choices=InterviewMode.choices)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=INTERVIEW_TEAM_ONLY,
        help_text="A member of the interview team. Left blank: you.",
    )
    guide = models.ForeignKey(
        InterviewGuide,
        on_delete=models.PROTECT,
        help_text="The question guide and its version used in this interview.",
    )
    transcript = models.TextField(blank=True)
    transcription_method = models.CharField(
        max_length=20, choices=TranscriptionMethod.choices, default=TranscriptionMethod.MANUAL
    )
    recording_deleted_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        "anonymisation status",
        max_length=20,
        choices=AnonymisationStatus.choices,
        default=AnonymisationStatus.DRAFT,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_on = models.DateTimeField(null=True, blank=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=InterviewMode.values), name="interview_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AnonymisationStatus.values),
                name="interview_status_valid",
            ),
        ]

    def __str__(self):
        return f"Interview with {self.participant.code} on {self.held_on:%d %b %Y}"

    @property
    def is_approved(self):
        return self.status == AnonymisationStatus.APPROVED

    def clean(self):
        if self.participant_id:
            consent_problems(
                self.participant,
                held_on=self.held_on,
                transcription_method=self.transcription_method,
            )

    def consent_holds(self):
        """Python's reading of ``InterviewQuerySet.consented`` for one loaded interview."""
        consent = getattr(self.participant, "consent", None)
        return bool(
            consent and consent.happy_to_be_interviewed and consent.signed_on <= self.held_on
        )


def consent_problems(participant, *, held_on, transcription_method=None):
    """Refuse an interview the participant's consent does not cover (a ValidationError)."""
    consent = getattr(participant, "consent", None)
    if consent is None or not consent.happy_to_be_interviewed:
        raise ValidationError(
            {
                "participant": f"{participant.code} has not consented to be interviewed: "
                "record their consent first."
            }
        )
    if held_on and consent.signed_on > held_on:
        raise ValidationError(
            {
                "held_on": f"{participant.code} signed their consent on "
                f"{consent.signed_on:%d %B %Y}: the interview must be on or after that day."
            }
        )
    if transcription_method == TranscriptionMethod.SOFTWARE and not consent.software_transcription:
        raise ValidationError(
            {
                "transcription_method": f"{participant.code} has not agreed to transcription "
                "by software: choose manual transcription, or record that consent first."
            }
        )


class Signposting(models.Model):
    """Where to point an interviewee who becomes distressed, for one place.

    The study compiled signposting information for each location in case an
    interview needed additional support; the interview screen shows it.
    """

    place = models.OneToOneField(
        "activities.Place", on_delete=models.CASCADE, related_name="signposting"
    )
    text = models.TextField(
        help_text="Services and numbers to offer, one a line (crisis lines, local support)."
    )

    class Meta:
        ordering = ["place__name"]
        verbose_name = "signposting information"
        verbose_name_plural = "signposting information"

    def __str__(self):
        return f"Signposting for {self.place.name}"

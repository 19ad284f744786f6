"""The interview study's data: participants, their identities and consent, interviews
with their anonymised transcripts, the codebook and coded excerpts.

Privacy rules shape this module: identities live in their own table so only the
interview team can be granted them; nothing about a participant has
django-simple-history (a withdrawal must leave no copy behind), only the
codebook's themes do, and a theme's history holds its name, parent and
description, never an excerpt; no ``__str__`` shows a transcript, a quote or an
identity.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from simple_history.models import HistoricalRecords

from activities.vocabulary import Sector


class ParticipantRole(models.TextChoices):
    WORKER = "worker", "Peer support worker or volunteer"
    MANAGER = "manager", "Manager or co-ordinator"


class InterviewMode(models.TextChoices):
    TELEPHONE = "telephone", "Telephone"
    VIDEO = "video", "Video call"
    IN_PERSON = "in_person", "In person"


class TranscriptionMethod(models.TextChoices):
    MANUAL = "manual", "Manual"
    SOFTWARE = "software", "Software (with the participant's consent)"


class AnonymisationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CHECKED = "checked", "Checked"
    APPROVED = "approved", "Approved"


class ParticipantQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("place").annotate(interview_count=Count("interviews"))


class Participant(models.Model):
    """Someone interviewed or shadowed, known outside the interview team only by a code."""

    code = models.CharField(max_length=20, unique=True, help_text="For example LDS-07.")
    place = models.ForeignKey("activities.Place", on_delete=models.PROTECT)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    paid = models.BooleanField(help_text="Ticked for a paid worker, unticked for a volunteer.")
    organisation = models.ForeignKey(
        "activities.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Optional; organisation names may remain in anonymised data.",
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="participant_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values), name="participant_role_valid"
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        if self._state.adding and Withdrawal.objects.filter(code=self.code).exists():
            raise ValidationError(
                {"code": f"{self.code} belonged to a participant who withdrew: use a new code."}
            )

    def has_interview_consent(self):
        consent = getattr(self, "consent", None)
        return bool(consent and consent.happy_to_be_interviewed)

    def name_parts(self):
        """Names the anonymiser looks for in this participant's transcripts."""
        identity = getattr(self, "identity", None)
        return [identity.name] if identity and identity.name else []


class ParticipantIdentity(models.Model):
    """Who a participant is. Only the interview team may see this table."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="identity"
    )
    name = models.CharField(max_length=200)
    contact = models.CharField(
        max_length=300, blank=True, help_text="E-mail address or telephone number."
    )

    class Meta:
        verbose_name = "participant identity"
        verbose_name_plural = "participant identities"

    def __str__(self):
        return f"Identity of {self.participant.code}"


class Consent(models.Model):
    """The signed consent form: each statement ticked or not."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="consent"
    )
    read_information_sheet = models.BooleanField(
        "Has read the information sheet and understands the aims", default=False
    )
    wants_to_take_part = models.BooleanField("Wants to take part", default=False)
    happy_to_be_interviewed = models.BooleanField("Happy to be interviewed", default=False)
    happy_to_be_shadowed = models.BooleanField("Happy to be shadowed", default=False)
    data_used_only_for_project = models.BooleanField(
        "Data used only for this project, not shared with third parties", default=False
    )
    stored_safely = models.BooleanField(
        "Data stored safely under the data protection policy", default=False
    )
    details_anonymised = models.BooleanField("Personal details anonymised", default=False)
    may_withdraw = models.BooleanField(
        "Understands they may withdraw participation and data until the reporting date",
        default=False,
    )
    contributions_in_report = models.BooleanField(
        "Contributions may appear in a final report reviewed by the charity, the board "
        "and other care-system professionals",
        default=False,
    )
    data_kept_six_months = models.BooleanField(
        "Data kept for six months after the project ends", default=False
    )
    signed_on = models.DateField()
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Left blank: you.",
    )
    form_version = models.CharField(max_length=20, default="1.0")

    STATEMENTS = [
        "read_information_sheet",
        "wants_to_take_part",
        "happy_to_be_interviewed",
        "happy_to_be_shadowed",
        "data_used_only_for_project",
        "stored_safely",
        "details_anonymised",
        "may_withdraw",
        "contributions_in_report",
        "data_kept_six_months",
    ]

    def __str__(self):
        return f"Consent of {self.participant.code}"


class InterviewGuideManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class InterviewGuide(models.Model):
    """A question guide: one for workers and volunteers, one for managers."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    questions = models.JSONField(default=list, help_text="The topics, in order.")

    objects = InterviewGuideManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffName(models.Model):
    """A name the anonymiser removes from every transcript (staff, champions, ...)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "name to anonymise"
        verbose_name_plural = "names to anonymise"

    def __str__(self):
        return "A name to anonymise"


class InterviewQuerySet(models.QuerySet):
    def for_listing(self):
        return (
            self.select_related("participant__place", "interviewer")
            .annotate(excerpt_count=Count("excerpts"))
            .defer("transcript")
            .order_by("-held_on", "participant__code")
        )


class Interview(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="interviews"
    )
    held_on = models.DateField()
    mode = models.CharField(max_length=20, choices=InterviewMode.choices)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Left blank: you.",
    )
    guide = models.ForeignKey(InterviewGuide, on_delete=models.PROTECT)
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
        if self.participant_id and not self.participant.has_interview_consent():
            raise ValidationError(
                {"participant": "This participant has not consented to be interviewed."}
            )


class ThemeQuerySet(models.QuerySet):
    def for_codebook(self):
        return self.select_related("parent").annotate(
            excerpt_count=Count("excerpts", distinct=True),
            interview_count=Count("excerpts__interview", distinct=True),
        )


class Theme(models.Model):
    """A code of the codebook; a theme may sit under a parent theme."""

    name = models.CharField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField(blank=True)

    objects = ThemeQuerySet.as_manager()
    # Codebook entries, not personal data: the excerpts tagged with a theme are
    # linked from Excerpt (not tracked), so no quote reaches this history.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

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
    def for_listing(self):
        """Excerpts with what a theme page or export shows; never the identity."""
        return (
            self.select_related("interview__participant__place")
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

    objects = ExcerptQuerySet.as_manager()

    class Meta:
        ordering = ["interview", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="excerpt_span_not_empty")
        ]

    def __str__(self):
        return f"Excerpt {self.pk} of {self.interview.participant.code}"


class AccessEvent(models.TextChoices):
    TRANSCRIPT = "transcript", "Viewed a transcript"
    IDENTITY = "identity", "Viewed an identity"
    SUBJECT_ACCESS = "subject_access", "Exported a subject access file"


class AccessLogEntry(models.Model):
    """Who looked at a transcript or an identity, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="access_log"
    )
    interview = models.ForeignKey(
        Interview, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(max_length=20, choices=AccessEvent.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self):
        return f"{self.get_event_display()} ({self.participant.code})"


class RedactionLogEntry(models.Model):
    """What the anonymiser replaced in a transcript; for the interview team only."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="redactions")
    kind = models.CharField(max_length=20)
    original = models.TextField()
    replacement = models.CharField(max_length=40)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["interview", "start"]
        verbose_name = "redaction log entry"
        verbose_name_plural = "redaction log"

    def __str__(self):
        return f"{self.kind} replaced by {self.replacement}"


class Withdrawal(models.Model):
    """The tombstone a withdrawn participant leaves: their code, when, by whom."""

    code = models.CharField(max_length=20)
    withdrawn_on = models.DateTimeField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-withdrawn_on"]

    def __str__(self):
        return f"{self.code} withdrew"


# Approval of excerpts for publication lives in its own module; imported so Django finds it.
from .publication_models import PublicationApproval  # noqa: E402, F401

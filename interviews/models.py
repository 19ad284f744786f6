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

from activities.vocabulary.terms import Sector
from scoping.accounts.roles import INTERVIEW_TEAM

# Interviewer, "collected by", "shadowed by": only members of the interview team.
INTERVIEW_TEAM_ONLY = {"groups__name": INTERVIEW_TEAM}


CONSENT_FORM_VERSION = "Appendix 5 (2019-20)"


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
    """A transcript's way to coding: draft, anonymiser run, checked by a person, approved."""

    DRAFT = "draft", "Draft"
    ANONYMISED = "anonymised", "Anonymised"
    CHECKED = "checked", "Checked"
    APPROVED = "approved", "Approved"


class ParticipantQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("place").annotate(interview_count=Count("interviews"))

    def for_progress(self):
        """Participants with what their progress shows: consent, identity, interviews."""
        return (
            self.select_related("place", "consent", "identity")
            .defer("identity__name", "identity__contact")
            .prefetch_related(
                models.Prefetch(
                    "interviews",
                    queryset=Interview.objects.only(
                        "pk", "participant_id", "held_on", "status"
                    ).order_by("held_on", "pk"),
                )
            )
        )


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
    """The signed consent form (the study's Appendix 5): each statement ticked or not.

    The twelve statements are the study's, word for word, in its order and its
    four groups (``STATEMENT_GROUPS``). Transcription by software is a separate
    tick: the study used software only "where consent was given".
    """

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="consent"
    )
    read_information_sheet = models.BooleanField(
        "I have read the project information sheet and understand the aims of the project",
        default=False,
    )
    wants_to_take_part = models.BooleanField(
        "I want to take part in the scoping project", default=False
    )
    happy_to_be_interviewed = models.BooleanField(
        "I am happy to participate in an interview about my role in peer support delivery",
        default=False,
    )
    happy_to_be_shadowed = models.BooleanField(
        "I am happy to be shadowed in my role as a peer support worker / manager", default=False
    )
    data_used_only_for_project = models.BooleanField(
        "I understand that data I share will only be used for the purposes of this project "
        "and will not be shared with third parties",
        default=False,
    )
    stored_safely = models.BooleanField(
        "I understand that any data I share will be stored safely in accordance with the "
        "Leeds Mind Data protection policy which adheres to the data protection act 2018",
        default=False,
    )
    details_anonymised = models.BooleanField(
        "I understand that any personal details I share will be anonymised", default=False
    )
    may_withdraw = models.BooleanField(
        "I understand that I can withdraw my participation and my data at any time until June 2020",
        default=False,
    )
    contributions_in_report = models.BooleanField(
        "I understand that my contributions may be used as part of a final report that will "
        "be reviewed internally by Leeds Mind, the LWAB and other ICS professionals",
        default=False,
    )
    data_kept_six_months = models.BooleanField(
        "I understand any information I give will be stored by Leeds Mind for 6 months "
        "after the project ends (January 2021)",
        default=False,
    )
    may_ask_for_clarification = models.BooleanField(
        "I understand that if I have any questions or queries, I can ask for clarification "
        "from carley.stubbs@leedsmind.org.uk",
        default=False,
    )
    may_raise_concerns = models.BooleanField(
        "I understand that if I have any concerns, complaints or compliments about the "
        "project, I can contact julia.stimpson@leedsmind.org.uk",
        default=False,
    )
    software_transcription = models.BooleanField(
        "I am happy for my interview to be transcribed with the help of transcription software",
        default=False,
        help_text="Not one of the form's twelve statements: needed before an interview is "
        "transcribed by software.",
    )
    signed_on = models.DateField()
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=INTERVIEW_TEAM_ONLY,
        help_text="A member of the interview team. Left blank: you.",
    )
    form_version = models.CharField(
        max_length=40,
        default=CONSENT_FORM_VERSION,
        help_text="The version of the consent form the participant signed.",
    )

    STATEMENT_GROUPS = [
        (
            "Please read the following statements and tick all that apply",
            ["read_information_sheet", "wants_to_take_part"],
        ),
        (
            "Please read the following statements relating to participation and tick all "
            "that apply",
            ["happy_to_be_interviewed", "happy_to_be_shadowed"],
        ),
        (
            "Please read the following statements relating to Data Protection and tick all "
            "that apply",
            [
                "data_used_only_for_project",
                "stored_safely",
                "details_anonymised",
                "may_withdraw",
                "contributions_in_report",
                "data_kept_six_months",
            ],
        ),
        (
            "Please read the following statements relating to the project management and "
            "tick all that apply",
            ["may_ask_for_clarification", "may_raise_concerns"],
        ),
    ]
    STATEMENTS = [name for _, names in STATEMENT_GROUPS for name in names]

    def __str__(self):
        return f"Consent of {self.participant.code}"

    def statement_text(self, name):
        return self._meta.get_field(name).verbose_name

    def clean(self):
        """While interviews or shadowing rest on this consent it cannot be taken back here.

        A participant who no longer consents withdraws (which deletes what they
        gave); the form itself is not unticked underneath their interviews.
        """
        if self._state.adding or not self.participant_id:
            return
        interviews = Interview.objects.filter(participant_id=self.participant_id)
        errors = {}
        first = interviews.order_by("held_on").values_list("held_on", flat=True).first()
        if first is not None:
            if not self.happy_to_be_interviewed:
                errors["happy_to_be_interviewed"] = (
                    "Interviews rest on this consent: it can only be withdrawn through the "
                    "withdrawal of the participant."
                )
            if self.signed_on and self.signed_on > first:
                errors["signed_on"] = (
                    f"Consent must be signed on or before the first interview ({first:%d %B %Y})."
                )
        if interviews.filter(transcription_method=TranscriptionMethod.SOFTWARE).exists() and (
            not self.software_transcription
        ):
            errors["software_transcription"] = (
                "An interview was transcribed by software on this consent: it cannot be unticked."
            )
        if not self.happy_to_be_shadowed and self.participant.shadowing_visits.exists():
            errors["happy_to_be_shadowed"] = (
                "Shadowing visits rest on this consent: it can only be withdrawn through the "
                "withdrawal of the participant."
            )
        if errors:
            raise ValidationError(errors)

    def has_dependants(self):
        return (
            Interview.objects.filter(participant_id=self.participant_id).exists()
            or ShadowingVisit.objects.filter(participant_id=self.participant_id).exists()
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


class StaffName(models.Model):
    """A name the anonymiser removes from every transcript (staff, champions, ...)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "name to anonymise"
        verbose_name_plural = "names to anonymise"

    def __str__(self):
        return "A name to anonymise"


class SafeWord(models.Model):
    """A capitalised word or number the anonymiser need not flag for review (``flags``)."""

    word = models.CharField(
        max_length=100,
        unique=True,
        help_text="One word or number, for example a programme's name; case does not matter.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why it is safe.")

    class Meta:
        ordering = ["word"]
        verbose_name = "safe word"
        verbose_name_plural = "safe words (not flagged by the anonymiser)"

    def __str__(self):
        return self.word

    def clean(self):
        self.word = self.word.strip()
        if not self.word or len(self.word.split()) != 1:
            raise ValidationError({"word": "Enter one word or number, without spaces."})


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

    def for_listing(self):
        return (
            self.consented()
            .select_related("participant__place", "interviewer")
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


class ThemeSource(models.TextChoices):
    """Where the study found a theme, so its national and local findings can be compared."""

    INTERVIEWS = "interviews", "WY&H interviews"
    LITERATURE = "literature", "National literature review"
    BOTH = "both", "Both"


class ThemeQuerySet(models.QuerySet):
    def for_codebook(self):
        counted = consent_holds("excerpts__interview__")
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
    def consented(self):
        """Excerpts of interviews whose consent holds (see ``InterviewQuerySet.consented``)."""
        return self.filter(consent_holds("interview__"))

    def for_listing(self):
        """Excerpts with what a theme page or export shows; never the identity."""
        return (
            self.consented()
            .select_related("interview__participant__place")
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


class ShadowingVisit(models.Model):
    """A visit on which the project team shadowed a participant in their role.

    The information sheet offers shadowing of about 1-5 days; the consent form
    asks for it separately, so a visit needs that tick, signed beforehand.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="shadowing_visits"
    )
    started_on = models.DateField()
    days = models.PositiveSmallIntegerField(
        default=1, help_text="The information sheet expects about 1-5 days."
    )
    shadowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=INTERVIEW_TEAM_ONLY,
        help_text="A member of the interview team. Left blank: you.",
    )
    notes = models.TextField(blank=True, help_text="What was observed; no names.")

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1), name="shadowing_at_least_a_day")
        ]

    def __str__(self):
        return f"Shadowing of {self.participant.code} from {self.started_on:%d %b %Y}"

    def clean(self):
        if not self.participant_id:
            return
        consent = getattr(self.participant, "consent", None)
        if consent is None or not consent.happy_to_be_shadowed:
            raise ValidationError(
                {"participant": f"{self.participant.code} has not consented to be shadowed."}
            )
        if self.started_on and consent.signed_on > self.started_on:
            raise ValidationError(
                {
                    "started_on": f"{self.participant.code} signed their consent on "
                    f"{consent.signed_on:%d %B %Y}: shadowing must start on or after that day."
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


class AccessEvent(models.TextChoices):
    TRANSCRIPT = "transcript", "Viewed a transcript"
    IDENTITY = "identity", "Viewed an identity"
    SUBJECT_ACCESS = "subject_access", "Exported a subject access file"
    SEARCH = "search", "Found by a search on names, contact details or transcripts"
    REDACTIONS = "redactions", "Viewed what the anonymiser replaced"


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
    reason = models.TextField(
        blank=True, help_text="Why a flagged word was kept (kind “kept”); blank otherwise."
    )

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
from interviews.publication.models import PublicationApproval  # noqa: E402, F401

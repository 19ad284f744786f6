"""Participants: the code they are known by, who they are (``ParticipantIdentity``, a
table of its own so only the interview team can be granted it), the consent form they
signed and the shadowing visits it allows.

Nothing about a participant has django-simple-history (a withdrawal must leave no
copy behind); no ``__str__`` shows an identity.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q

from activities.vocabulary.terms import Sector
from interviews.erasure.models import Withdrawal
from interviews.recording.choices import INTERVIEW_TEAM_ONLY, ParticipantRole, TranscriptionMethod
from interviews.recording.interviews import Interview

CONSENT_FORM_VERSION = "Appendix 5 (2019-20)"


class ParticipantQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("place").annotate(interview_count=Count("interviews"))

    def for_progress(self):
        """Participants with what their progress shows: consent, identity, interviews."""
        return (
            self.select_related("place", "consent", "identity")
            .defer("identity__name", "identity__contact", "identity__other_names")
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
        """Names the anonymiser looks for in this participant's transcripts: their name,
        then the other names they go by (nicknames, former names)."""
        identity = getattr(self, "identity", None)
        return [] if identity is None else identity.all_names()


class ParticipantIdentity(models.Model):
    """Who a participant is. Only the interview team may see this table."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="identity"
    )
    name = models.CharField(max_length=200)
    contact = models.CharField(
        max_length=300, blank=True, help_text="E-mail address or telephone number."
    )
    other_names = models.CharField(
        "also known as",
        max_length=300,
        blank=True,
        help_text="Nicknames or other names they go by, separated by commas (e.g. Bob, Bobby).",
    )

    class Meta:
        verbose_name = "participant identity"
        verbose_name_plural = "participant identities"

    def __str__(self):
        return f"Identity of {self.participant.code}"

    def other_name_list(self):
        return [n.strip() for n in self.other_names.replace(";", ",").split(",") if n.strip()]

    def all_names(self):
        """Their name, then the other names they go by (nicknames, former names)."""
        return [n for n in [self.name, *self.other_name_list()] if n]


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

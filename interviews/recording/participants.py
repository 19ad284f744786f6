"""Participants: the code they are known by, the research round they belong to, who they
are (``ParticipantIdentity``, a table of its own so only the interview team can be granted
it), their consent (against the consent form version they signed) and the shadowing
visits it allows.

Nothing about a participant has django-simple-history (a withdrawal must leave no
copy behind); no ``__str__`` shows an identity.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q

from activities.vocabulary.terms import Sector
from interviews.consent_forms.models import current_form_pk
from interviews.erasure.models import Withdrawal
from interviews.recording.choices import (
    CONSENT_ANSWERS,
    INTERVIEW_TEAM_ONLY,
    ParticipantRole,
    TranscriptionMethod,
)
from interviews.recording.interviews import Interview
from interviews.rounds.models import current_round_pk


class ParticipantQuerySet(models.QuerySet):
    def in_round(self, research_round):
        return self.filter(round=research_round)

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
    round = models.ForeignKey(
        "interviews.ResearchRound",
        on_delete=models.PROTECT,
        related_name="participants",
        default=current_round_pk,
        help_text="The research round they took part in; it sets their withdrawal deadline.",
    )
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
    """A signed consent form: the version signed (``form``) and each statement ticked or not.

    The statements' words are the form version's (``ConsentFormVersion.statements``); each
    answer here is one of them, by name: the study's twelve as fields of their own (the app
    reads four of them), a later version's statements of a new kind in ``other_answers``
    (recorded and shown, they gate nothing). Transcription by software is a separate tick,
    on no version of the form: the study used software only "where consent was given".
    """

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="consent"
    )
    form = models.ForeignKey(
        "interviews.ConsentFormVersion",
        on_delete=models.PROTECT,
        related_name="consents",
        default=current_form_pk,
        verbose_name="consent form version",
        help_text="The version of the consent form the participant signed.",
    )
    read_information_sheet = models.BooleanField("read the information sheet", default=False)
    wants_to_take_part = models.BooleanField("wants to take part", default=False)
    happy_to_be_interviewed = models.BooleanField("happy to be interviewed", default=False)
    happy_to_be_shadowed = models.BooleanField("happy to be shadowed", default=False)
    data_used_only_for_project = models.BooleanField(
        "data used only for the project", default=False
    )
    stored_safely = models.BooleanField("data stored safely", default=False)
    details_anonymised = models.BooleanField("personal details anonymised", default=False)
    may_withdraw = models.BooleanField("may withdraw until the form's date", default=False)
    contributions_in_report = models.BooleanField(
        "contributions may be in the report", default=False
    )
    data_kept_six_months = models.BooleanField("data kept until the form's date", default=False)
    may_ask_for_clarification = models.BooleanField("may ask the team leader", default=False)
    may_raise_concerns = models.BooleanField("may raise concerns", default=False)
    other_answers = models.JSONField(
        "answers to the form's new statements",
        default=dict,
        blank=True,
        help_text="Each statement of a new kind on the version signed (beyond the study's "
        "twelve), by its name, ticked or not. Recorded and shown; they gate nothing.",
    )
    software_transcription = models.BooleanField(
        "I am happy for my interview to be transcribed with the help of transcription software",
        default=False,
        help_text="Not a statement of the consent form: needed before an interview is "
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

    STATEMENTS = CONSENT_ANSWERS  # every answer a form version may ask

    def __str__(self):
        return f"Consent of {self.participant.code}"

    def answer(self, key):
        """Whether the statement named ``key`` was ticked (not asked: False)."""
        if key in self.STATEMENTS:
            return getattr(self, key)
        answers = self.other_answers if isinstance(self.other_answers, dict) else {}
        return answers.get(key) is True

    def statement_groups(self):
        """[(heading, [(answer name, the statement's words, ticked)])] as on the form signed."""
        return [
            (
                group["heading"],
                [(s["key"], s["text"], self.answer(s["key"])) for s in group["statements"]],
            )
            for group in self.form.statements
        ]

    def other_answers_problems(self):
        """What is wrong with ``other_answers`` for the version signed ([] if fine)."""
        answers = self.other_answers
        if not isinstance(answers, dict):
            return [
                "Record the answers to the new statements as {name: true or false}, "
                'e.g. {"video_recorded": true}.'
            ]
        asked = self.form.new_statement_keys()
        problems = [
            f"Version {self.form.version} of the form does not ask “{key}”."
            for key in answers
            if key not in asked
        ]
        problems += [
            f"The answer to “{key}” must be true or false, not {value!r}."
            for key, value in answers.items()
            if key in asked and not isinstance(value, bool)
        ]
        return problems

    def clean(self):
        """While interviews or shadowing rest on this consent it cannot be taken back here.

        A participant who no longer consents withdraws (which deletes what they
        gave); the form itself is not unticked underneath their interviews. A statement
        the version signed does not hold cannot be ticked.
        """
        if self.form_id:
            asked = set(self.form.statement_keys())
            extra = [name for name in self.STATEMENTS if getattr(self, name) and name not in asked]
            errors = dict.fromkeys(
                extra, f"Version {self.form.version} of the form does not ask this."
            )
            other = self.other_answers_problems()
            if other:
                errors["other_answers"] = other
            if errors:
                raise ValidationError(errors)
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

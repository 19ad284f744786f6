"""The forms of the guided flow: participant, identity, consent, interview; and the
question guide's topics in the admin (``QuestionListField``).

Widgets carry GOV.UK classes so ``_field.html`` renders each one the same way.
Choice fields are the project's safe ones (a hostile id is a form error).
"""

import json

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput

from interviews.models import (
    Consent,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    ResearchRound,
)
from interviews.transcripts.forms import TranscriptFileField
from scoping.accounts.roles import INTERVIEW_TEAM
from scoping.shared.admin_widgets import SafeModelChoiceField

DATE = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"})
TEXT = {"class": "govuk-input"}
SELECT = {"class": "govuk-select"}
AREA = {"class": "govuk-textarea", "rows": 4}


def interview_team():
    """The people who may interview, collect consent or shadow: the Interview team only."""
    return (
        get_user_model()
        .objects.filter(groups__name=INTERVIEW_TEAM, is_active=True)
        .order_by("username")
    )


class TeamMemberField(SafeModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=interview_team(),
            required=False,
            widget=forms.Select(attrs=SELECT),
            empty_label="Me",
            **kwargs,
        )

    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["code", "round", "place", "sector", "role", "paid", "organisation"]
        field_classes = {
            "round": SafeModelChoiceField,
            "place": SafeModelChoiceField,
            "organisation": SafeModelChoiceField,
        }
        widgets = {
            "round": forms.Select(attrs=SELECT),
            "code": forms.TextInput(attrs={**TEXT, "class": "govuk-input govuk-input--width-10"}),
            "place": forms.Select(attrs=SELECT),
            "sector": forms.Select(attrs=SELECT),
            "role": forms.Select(attrs=SELECT),
            # A list of 50 or more gets a box that narrows it (static/js/choice_filter.js).
            "organisation": forms.Select(attrs={**SELECT, "data-choice-filter": "true"}),
        }
        labels = {"paid": "Paid (leave unticked for a volunteer)", "round": "Research round"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].required = False
        self.fields["round"].empty_label = None
        current = ResearchRound.objects.current()
        if current is not None and not self.instance.round_id:
            self.initial.setdefault("round", current.pk)

    def clean_round(self):
        """Left out: the current round (the latest to start)."""
        return self.cleaned_data.get("round") or ResearchRound.objects.current()


class IdentityForm(forms.ModelForm):
    class Meta:
        model = ParticipantIdentity
        fields = ["name", "other_names", "contact"]
        widgets = {
            "name": forms.TextInput(attrs=TEXT),
            "other_names": forms.TextInput(attrs=TEXT),
            "contact": forms.TextInput(attrs=TEXT),
        }


class ConsentForm(forms.ModelForm):
    """The statements of the form version signed, in its groups and its words, then the
    software tick. A new consent is on the version the participant's round uses.

    The study's twelve statements are the consent's own fields; a version's statements of a
    new kind are a tick each here, named by the statement (a name no field of the consent
    has: ``statement_keys``), saved into ``Consent.other_answers``."""

    collected_by = TeamMemberField(label="Person collecting consent")

    class Meta:
        model = Consent
        fields = [*Consent.STATEMENTS, "software_transcription", "signed_on", "collected_by"]
        widgets = {"signed_on": DATE}
        labels = {"signed_on": "Date signed"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consent = self.instance
        if consent.pk is None:
            consent.form = consent.participant.round.consent_form
        self.texts = consent.form.statement_texts()
        for name in Consent.STATEMENTS:
            if name in self.texts:
                self.fields[name].label = self.texts[name]
            else:
                del self.fields[name]  # not asked on this version
        self.new_keys = consent.form.new_statement_keys()
        for key in self.new_keys:
            self.fields[key] = forms.BooleanField(
                label=self.texts[key], required=False, initial=consent.answer(key)
            )

    def clean(self):
        cleaned = super().clean()
        self.instance.other_answers = {key: bool(cleaned.get(key)) for key in self.new_keys}
        return cleaned

    def statement_groups(self):
        return [
            (group["heading"], [self[s["key"]] for s in group["statements"]])
            for group in self.instance.form.statements
        ]


def round_guides(research_round):
    """The guides a round's interviewers choose from: those it names, or all if it names none."""
    named = InterviewGuide.objects.filter(rounds=research_round)
    return (named if named.exists() else InterviewGuide.objects.all()).order_by("name", "-pk")


class InterviewForm(forms.ModelForm):
    interviewer = TeamMemberField(label="Interviewer")
    guide = SafeModelChoiceField(
        queryset=InterviewGuide.objects.order_by("name", "-pk"),
        widget=forms.Select(attrs=SELECT),
        label="Question guide (and version)",
        help_text="Its questions are listed above, under “For the interview”.",
    )
    transcript_file = TranscriptFileField(required=False, label="Or the transcript from a file")

    class Meta:
        model = Interview
        fields = [
            "held_on",
            "mode",
            "interviewer",
            "guide",
            "transcription_method",
            "transcript",
            "recording_deleted_on",
        ]
        widgets = {
            "held_on": DATE,
            "recording_deleted_on": DATE,
            "mode": forms.Select(attrs=SELECT),
            "transcription_method": forms.Select(attrs=SELECT),
            "transcript": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 8}),
        }
        labels = {"held_on": "Date of the interview"}
        help_texts = {
            "transcript": "Optional now: paste it here, choose its file below, or add it later "
            "on the transcript page or in data entry."
        }

    field_order = [*Meta.fields[:5], "transcript", "transcript_file", "recording_deleted_on"]

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        guides = round_guides(participant.round)
        self.fields["guide"].queryset = guides
        latest = guides.filter(role=participant.role).order_by("-pk").first()
        if latest is not None and not self.is_bound and not self.initial.get("guide"):
            self.initial["guide"] = latest.pk

    def clean(self):
        cleaned = super().clean()
        from_file = cleaned.get("transcript_file")
        if from_file and (cleaned.get("transcript") or "").strip():
            self.add_error("transcript_file", "Paste the transcript or choose its file, not both.")
        elif from_file:
            cleaned["transcript"] = from_file
        return cleaned

    def chosen_guide(self):
        """The guide chosen (or offered) on this form, for the questions shown beside it."""
        value = self["guide"].value()
        if value in (None, "") or not str(value).isdigit():
            return None
        return self.fields["guide"].queryset.filter(pk=value).first()

    def interview_fields(self):
        """What ``interview_create`` takes from a valid form."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class QuestionListField(forms.JSONField):
    """A question guide's topics: a JSON list of text.

    Django's JSON field lets through what no database stores (NaN, Infinity, a
    NUL) and fails on very deep nesting; each of those is a form error here.
    """

    default_error_messages = {
        "invalid": 'Enter the topics as a JSON list of text, for example ["Your role"].',
    }

    def _loads(self, value):
        def refuse(constant):
            raise ValueError(constant)

        return json.loads(value, parse_constant=refuse)

    def to_python(self, value):
        if self.disabled:
            return value
        if value in self.empty_values:
            return None
        try:
            data = self._loads(value) if isinstance(value, str) else value
        except (ValueError, RecursionError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not isinstance(data, list) or not all(isinstance(q, str) for q in data):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if any("\x00" in q for q in data):
            raise ValidationError("A topic may not hold a NUL character.", code="null")
        return data

    def bound_data(self, data, initial):
        if self.disabled:
            return initial
        if data is None:
            return None
        try:
            return self._loads(data)
        except (ValueError, RecursionError):
            return InvalidJSONInput(data)

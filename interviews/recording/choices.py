"""The recording room's fixed lists: participants' roles, interview modes, transcription
methods, a transcript's anonymisation status, and who may be named as interviewer."""

from django.db import models

from scoping.accounts.roles import INTERVIEW_TEAM

# Interviewer, "collected by", "shadowed by": only members of the interview team.
INTERVIEW_TEAM_ONLY = {"groups__name": INTERVIEW_TEAM}


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
    """A transcript's way to coding: draft, anonymiser run, read through by a person,
    approved. (Read through is stored as "checked", its value before it had its own word.)"""

    DRAFT = "draft", "Draft"
    ANONYMISED = "anonymised", "Anonymised"
    READ_THROUGH = "checked", "Read through"
    APPROVED = "approved", "Approved"


# What a consent records, one answer per statement a consent form version may hold (its
# statements name these); the app acts on two of them: an interview needs
# ``happy_to_be_interviewed``, a shadowing visit ``happy_to_be_shadowed``.
CONSENT_ANSWERS = [
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
    "may_ask_for_clarification",
    "may_raise_concerns",
]

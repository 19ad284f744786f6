"""The interview study's data, kept in the rooms that use it; ``from interviews.models
import X`` finds every model (and Django finds them here).

- ``rounds``: research rounds (the 2019-20 study is the first);
- ``consent_forms``: the consent form's versions, their statements and information sheet;
- ``recording``: participants, their identities and consent, shadowing visits, question
  guides, interviews with their transcripts, signposting (``choices``, ``interviews``,
  ``participants``);
- ``anonymisation``: the names to anonymise, the safe words, the redaction log;
- ``coding``: the codebook's themes and the coded excerpts;
- ``publication``: excerpts approved for publication to report readers;
- ``erasure``: the tombstone a withdrawal leaves;
- ``personal_data``: the access log.

Privacy rules shape these models: identities live in their own table so only the
interview team can be granted them; nothing about a participant has
django-simple-history (a withdrawal must leave no copy behind), only the codebook's
themes do, and a theme's history holds its name, parent and description, never an
excerpt; no ``__str__`` shows a transcript, a quote or an identity.
"""

from interviews.anonymisation.models import RedactionLogEntry, SafeWord, StaffName
from interviews.coding.models import (
    CodingLayer,
    DoubleCoding,
    Excerpt,
    ExcerptQuerySet,
    HistoricalTheme,  # made by django-simple-history for Theme.history
    Theme,
    ThemeQuerySet,
    ThemeSource,
    final_coding,
)
from interviews.consent_forms.models import ConsentFormVersion, ConsentFormVersionQuerySet
from interviews.erasure.models import Withdrawal
from interviews.personal_data.models import AccessEvent, AccessLogEntry
from interviews.publication.models import PublicationApproval
from interviews.recording.choices import (
    INTERVIEW_TEAM_ONLY,
    AnonymisationStatus,
    InterviewMode,
    ParticipantRole,
    TranscriptionMethod,
)
from interviews.recording.interviews import (
    Interview,
    InterviewGuide,
    InterviewGuideManager,
    InterviewQuerySet,
    Signposting,
    consent_holds,
    consent_problems,
)
from interviews.recording.participants import (
    Consent,
    Participant,
    ParticipantIdentity,
    ParticipantQuerySet,
    ShadowingVisit,
)
from interviews.rounds.models import ResearchRound, ResearchRoundQuerySet

__all__ = [
    "INTERVIEW_TEAM_ONLY",
    "AccessEvent",
    "AccessLogEntry",
    "AnonymisationStatus",
    "CodingLayer",
    "Consent",
    "ConsentFormVersion",
    "ConsentFormVersionQuerySet",
    "DoubleCoding",
    "Excerpt",
    "ExcerptQuerySet",
    "HistoricalTheme",
    "Interview",
    "InterviewGuide",
    "InterviewGuideManager",
    "InterviewMode",
    "InterviewQuerySet",
    "Participant",
    "ParticipantIdentity",
    "ParticipantQuerySet",
    "ParticipantRole",
    "PublicationApproval",
    "RedactionLogEntry",
    "ResearchRound",
    "ResearchRoundQuerySet",
    "SafeWord",
    "ShadowingVisit",
    "Signposting",
    "StaffName",
    "Theme",
    "ThemeQuerySet",
    "ThemeSource",
    "TranscriptionMethod",
    "Withdrawal",
    "consent_holds",
    "consent_problems",
    "final_coding",
]

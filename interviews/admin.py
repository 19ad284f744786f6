"""The interview study's admin: each room registers its own models; importing them here
is what registers them (Django imports ``interviews.admin``)."""

from interviews.anonymisation.admin import RedactionLogEntryAdmin, SafeWordAdmin, StaffNameAdmin
from interviews.coding.admin import ThemeAdmin
from interviews.consent_forms.admin import ConsentFormVersionAdmin
from interviews.erasure.admin import WithdrawalAdmin
from interviews.personal_data.admin import AccessLogEntryAdmin
from interviews.recording.admin import (
    ConsentAdmin,
    InterviewAdmin,
    InterviewGuideAdmin,
    ParticipantAdmin,
    ParticipantIdentityAdmin,
    ShadowingVisitAdmin,
    SignpostingAdmin,
)
from interviews.rounds.admin import ResearchRoundAdmin

__all__ = [
    "AccessLogEntryAdmin",
    "ConsentAdmin",
    "ConsentFormVersionAdmin",
    "InterviewAdmin",
    "InterviewGuideAdmin",
    "ParticipantAdmin",
    "ParticipantIdentityAdmin",
    "RedactionLogEntryAdmin",
    "ResearchRoundAdmin",
    "SafeWordAdmin",
    "ShadowingVisitAdmin",
    "SignpostingAdmin",
    "StaffNameAdmin",
    "ThemeAdmin",
    "WithdrawalAdmin",
]

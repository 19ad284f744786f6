"""The interview study's admin: each room registers its own models; importing them here
is what registers them (Django imports ``interviews.admin``)."""

from interviews.anonymisation.admin import RedactionLogEntryAdmin, SafeWordAdmin, StaffNameAdmin
from interviews.coding.admin import ThemeAdmin
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

__all__ = [
    "AccessLogEntryAdmin",
    "ConsentAdmin",
    "InterviewAdmin",
    "InterviewGuideAdmin",
    "ParticipantAdmin",
    "ParticipantIdentityAdmin",
    "RedactionLogEntryAdmin",
    "SafeWordAdmin",
    "ShadowingVisitAdmin",
    "SignpostingAdmin",
    "StaffNameAdmin",
    "ThemeAdmin",
    "WithdrawalAdmin",
]

"""The site's own models, gathered for Django: the jobs (``scoping/jobs/``), the messages
(``scoping/mail/``) and the invitations (``scoping/accounts/``)."""

from scoping.accounts.models import Invitation
from scoping.jobs.models import Job, JobFile, JobLock, WorkerHeartbeat
from scoping.mail.models import SentMessage, Unsubscribe

__all__ = [
    "Invitation",
    "Job",
    "JobFile",
    "JobLock",
    "SentMessage",
    "Unsubscribe",
    "WorkerHeartbeat",
]

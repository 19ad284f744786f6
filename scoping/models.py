"""The site's own models, gathered for Django: the jobs (``scoping/jobs/``), the messages
(``scoping/mail/``), the invitations (``scoping/accounts/``) and the backups started from
the admin (``scoping/serving/``)."""

from scoping.accounts.models import Invitation
from scoping.jobs.models import Job, JobFile, JobLock, WorkerHeartbeat
from scoping.mail.models import SentMessage, Unsubscribe
from scoping.serving.models import DatabaseBackup

__all__ = [
    "DatabaseBackup",
    "Invitation",
    "Job",
    "JobFile",
    "JobLock",
    "SentMessage",
    "Unsubscribe",
    "WorkerHeartbeat",
]

"""The site's own models, gathered for Django: the jobs (``scoping/jobs/``)."""

from scoping.jobs.models import Job, JobFile, JobLock, WorkerHeartbeat

__all__ = ["Job", "JobFile", "JobLock", "WorkerHeartbeat"]

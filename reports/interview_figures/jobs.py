"""The interview figures' disclosure audit and release as jobs, started by the interview
team from the admin (Interview figure releases): the protection and the solving run in a
worker, with progress in steps. The audit ends with its report to download (kept
``JOB_FILES_DAYS`` days, for the person who ran it only); the release with a link to what
was released. An audit and a release never run at the same time (``locks.exclusive``):
a release made during an audit would change what the audit compares with.
"""

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from interviews.disclosure.control import CannotProtect
from reports.interview_figures.audit_report import FAILED, PASSED, TOO_SMALL, audit_lines
from reports.interview_figures.release import audit, interview_figures_release, release_candidate
from scoping.jobs.locks import exclusive
from scoping.jobs.running import JobError, JobResult, job_run
from scoping.jobs.services import job_start

AUDIT = "interview_figures_audit"
RELEASE = "interview_figures_release"
LOCK = "interview figures"
PERMISSION = "reports.add_interviewrelease"  # the interview team's, and superusers'
WAITING = "Waiting for the audit or release started earlier to finish."


def audit_start(*, user):
    return job_start(
        task=audit_job,
        kind=AUDIT,
        title="Disclosure audit of the interview figures",
        owner=user,
        unit="steps",
    )


def release_start(*, user, note=""):
    return job_start(
        task=release_job,
        kind=RELEASE,
        title="Release of the interview figures",
        owner=user,
        unit="steps",
        params={"note": note},
    )


def _candidate():
    try:
        return release_candidate()
    except CannotProtect as error:
        raise JobError(f"{error} {TOO_SMALL}") from None


@task(takes_context=True)
def audit_job(context, job_id):
    return job_run(job_id, context, _audit)


def _audit(job, progress):
    progress.total(3, message="Protecting the figures as a release made now would.")
    with exclusive(LOCK, job, progress, waiting_message=WAITING):
        candidate = _candidate()
        progress.update(1, message="Working out what a determined reader could.")
        pinned, changed = audit(candidate)
        progress.update(2, message="Writing the report.")
        lines = audit_lines(candidate, pinned, changed, with_ranges=True)
    found = len(pinned) + len(changed)
    heading = f"Disclosure audit of the interview figures, {timezone.localtime():%d %B %Y %H:%M}"
    text = "\n".join([heading, "", *(line for _, line in lines)]) + "\n"
    return JobResult(
        message=f"{FAILED} {found:,} in all: do not release; see the report." if found else PASSED,
        file_name=f"interview-figures-audit-{timezone.localdate().isoformat()}.txt",
        content_type="text/plain; charset=utf-8",
        data=text.encode("utf-8"),
    )


@task(takes_context=True)
def release_job(context, job_id):
    return job_run(job_id, context, _release)


def _release(job, progress):
    progress.total(1, message="Protecting, auditing and freezing the figures.")
    with exclusive(LOCK, job, progress, waiting_message=WAITING):
        try:
            release = interview_figures_release(by=job.owner, note=job.params.get("note", ""))
        except CannotProtect as error:
            raise JobError(f"{error} {TOO_SMALL}") from None
    return JobResult(
        message=f"{release}: the report pages show these figures now.",
        url=reverse("admin:reports_interviewrelease_change", args=[release.pk]),
        label="See the release",
    )

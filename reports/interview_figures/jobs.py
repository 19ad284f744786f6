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
from interviews.rounds.models import ResearchRound
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


def audit_start(*, user, research_round):
    return job_start(
        task=audit_job,
        kind=AUDIT,
        title=f"Disclosure audit of the interview figures, {research_round.name}",
        owner=user,
        unit="steps",
        params={"round": research_round.pk},
    )


def release_start(*, user, research_round, note=""):
    return job_start(
        task=release_job,
        kind=RELEASE,
        title=f"Release of the interview figures, {research_round.name}",
        owner=user,
        unit="steps",
        params={"note": note, "round": research_round.pk},
    )


def _round(job):
    """The research round the job was started for (the current one for a job queued before
    jobs named their round)."""
    research_round = ResearchRound.objects.filter(pk=job.params.get("round")).first()
    if job.params.get("round") is not None and research_round is None:
        raise JobError("The research round was deleted after the job was started.")
    return research_round or ResearchRound.objects.current()


def _candidate(research_round):
    try:
        return release_candidate(research_round)
    except CannotProtect as error:
        raise JobError(f"{error} {TOO_SMALL}") from None


@task(takes_context=True)
def audit_job(context, job_id):
    return job_run(job_id, context, _audit)


def _audit(job, progress):
    progress.total(3, message="Protecting the figures as a release made now would.")
    with exclusive(LOCK, job, progress, waiting_message=WAITING):
        research_round = _round(job)
        candidate = _candidate(research_round)
        progress.update(1, message="Working out what a determined reader could.")
        pinned, changed = audit(candidate)
        progress.update(2, message="Writing the report.")
        lines = audit_lines(candidate, pinned, changed, with_ranges=True)
    found = len(pinned) + len(changed)
    heading = (
        f"Disclosure audit of the interview figures, {research_round.name}, "
        f"{timezone.localtime():%d %B %Y %H:%M}"
    )
    text = "\n".join([heading, "", *(line for _, line in lines)]) + "\n"
    return JobResult(
        message=f"{FAILED} {found:,} in all: do not release; see the report." if found else PASSED,
        file_name=f"interview-figures-audit-{research_round.slug}-"
        f"{timezone.localdate().isoformat()}.txt",
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
            release = interview_figures_release(
                by=job.owner, note=job.params.get("note", ""), research_round=_round(job)
            )
        except CannotProtect as error:
            raise JobError(f"{error} {TOO_SMALL}") from None
    return JobResult(
        message=f"{release}: the report pages show these figures now.",
        url=reverse("admin:reports_interviewrelease_change", args=[release.pk]),
        label="See the release",
    )

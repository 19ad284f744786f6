"""Telling the person who started a long job that it has finished (by e-mail).

A job that took ``NOTICE_AFTER_SECONDS`` or more from being asked for to finishing (long
enough that they may have left its page) sends its owner, if they have an e-mail address,
one message: what it was, how it ended, and a link to its page. Cancelled jobs send none
(the owner cancelled them).
"""

import logging

from django.urls import reverse

from scoping.jobs.models import Job
from scoping.mail.sending import absolute, message_queue

logger = logging.getLogger(__name__)
NOTICE_AFTER_SECONDS = 60
ENDINGS = {Job.State.DONE: "has finished", Job.State.FAILED: "stopped with a problem"}


def job_notice(job_id):
    """Queue the owner's notice for a finished job if it was long; whether one was queued.
    A notice that cannot be queued is logged and does not change how the job ended."""
    try:
        return _notice(job_id)
    except Exception:
        logger.exception("The notice for job %s could not be queued", job_id)
        return False


def _notice(job_id):
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.state not in ENDINGS or job.owner is None or not job.owner.email:
        return False
    if (job.finished - job.created).total_seconds() < NOTICE_AFTER_SECONDS:
        return False
    ending = ENDINGS[job.state]
    message_queue(
        key=f"job:{job.pk}",
        kind="job_done",
        to=job.owner.email,
        subject=f"{job.title}: {ending}",
        template="job_done",
        context={
            "title": job.title,
            "ending": ending,
            "message": job.message,
            "link": absolute(reverse("jobs:detail", args=[job.pk])),
        },
    )
    return True

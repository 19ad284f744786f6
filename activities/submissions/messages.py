"""Telling the person who shared an activity what happens to it, if they asked (by e-mail).

The share form's e-mail address is optional and used for this only. On sending, they get
an acknowledgement; once a champion decides, the outcome (added to the directory or not,
with the champion's note as the reason). The address is deleted from the submission when
the outcome is queued and from the message's record once it is sent
(``forget_recipient``), so nothing keeps it after they have been told. An undecided
submission's address is deleted after ``SUBMITTER_EMAIL_DAYS`` by ``prune_logs``
(``sender_emails_erase``). The address is never logged.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from activities.submissions.models import Submission
from scoping.mail.sending import message_queue

OUTCOMES = {
    Submission.State.ACCEPTED: "added to the directory",
    Submission.State.REJECTED: "not added to the directory",
}


def _context(submission):
    return {
        "name": submission.name,
        "place": submission.place.name,
        "submitted_at": submission.submitted_at,
        "days": settings.SUBMITTER_EMAIL_DAYS,
    }


def submission_acknowledge(submission):
    """Queue the acknowledgement if the sender gave an address; whether one was queued."""
    if not submission.sender_email:
        return False
    message_queue(
        key=f"submission:{submission.pk}:received",
        kind="submission_received",
        to=submission.sender_email,
        # Not the name in the subject: anyone may type any address and name on the form.
        subject="We have the activity you shared",
        template="submission_received",
        context=_context(submission),
        forget_recipient=True,
    )
    return True


def submission_outcome_tell(submission):
    """Queue the outcome of a decided submission if the sender gave an address, then
    delete the address from the submission; whether a message was queued."""
    if not submission.sender_email or submission.state not in OUTCOMES:
        return False
    outcome = OUTCOMES[submission.state]
    message_queue(
        key=f"submission:{submission.pk}:outcome",
        kind="submission_outcome",
        to=submission.sender_email,
        subject=f"{submission.name}: {outcome}"[:200],
        template="submission_outcome",
        context={
            **_context(submission),
            "accepted": submission.state == Submission.State.ACCEPTED,
            "outcome": outcome,
            "reason": submission.decision_note.strip(),
        },
        forget_recipient=True,
    )
    Submission.objects.filter(pk=submission.pk).update(sender_email="")
    submission.sender_email = ""
    return True


def sender_emails_erase(now=None):
    """Delete the addresses of submissions still undecided after ``SUBMITTER_EMAIL_DAYS``
    (a decided one's went when its outcome was queued); how many."""
    now = now or timezone.now()
    before = now - datetime.timedelta(days=settings.SUBMITTER_EMAIL_DAYS)
    return (
        Submission.objects.filter(submitted_at__lt=before)
        .exclude(sender_email="")
        .update(sender_email="")
    )

"""Logs kept in the database only as long as they are useful: ``prune_logs``.

The sign-in log (django-axes' access log, and its failure log when turned on) holds
usernames and client addresses: personal data, kept ``SIGN_IN_LOG_DAYS`` (90) to look
into a lockout or a suspicious sign-in, then deleted. The API use log (which partner
asked for which endpoint, no query values) is kept ``API_USE_LOG_DAYS`` (365) for a
year's figures. The e-mail address someone gave with a shared activity is deleted once
they are told the outcome; one never decided goes after ``SUBMITTER_EMAIL_DAYS`` (90), with
the address of any message to them that was never sent. The interview access log is not pruned here: it is the record of who saw
personal data, kept until the interview data themselves go (docs/erasure.md).
"""

import datetime

from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from activities.api.models import ApiUse
from activities.submissions.messages import sender_emails_erase
from scoping.jobs.services import jobs_prune
from scoping.mail.sending import recipients_forget


@transaction.atomic
def logs_prune(now=None):
    """Delete what is older than its keeping period; {what: rows deleted}."""
    now = now or timezone.now()
    sign_ins = now - datetime.timedelta(days=settings.SIGN_IN_LOG_DAYS)
    api_uses = now - datetime.timedelta(days=settings.API_USE_LOG_DAYS)
    senders = now - datetime.timedelta(days=settings.SUBMITTER_EMAIL_DAYS)
    return {
        "sign-in records": (
            AccessLog.objects.filter(attempt_time__lt=sign_ins).delete()[0]
            + AccessFailureLog.objects.filter(attempt_time__lt=sign_ins).delete()[0]
        ),
        "API uses": ApiUse.objects.filter(at__lt=api_uses).delete()[0],
        "sender addresses": sender_emails_erase(now) + recipients_forget(before=senders),
        **jobs_prune(now),
    }

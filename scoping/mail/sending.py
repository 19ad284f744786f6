"""Queue a message and deliver it from a job.

``message_queue(key=..., kind=..., to=..., subject=..., template=..., context=...)``
renders ``templates/mail/<template>.txt`` and ``.html`` now (so a message says what was
true when it was asked for), records it under ``key`` and puts the delivery on the job
queue. A key already recorded is not queued again: a double click, a retried request or
a digest run twice sends one message. The delivery takes the record under a row lock and
sends only a waiting one, so two workers never send it twice. A failure to reach the mail
server is retried (``MAIL_RETRY_DELAYS``) where the queue can run a task later; after the
last try the message stays *failed*, logged (without the address), for an administrator.
"""

import datetime
import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend, task

from scoping.mail.models import SentMessage

log = logging.getLogger(__name__)

# Seconds before each retry: a minute, five, half an hour, two hours.
MAIL_RETRY_DELAYS = (60, 300, 1800, 7200)


def absolute(path):
    """A link for a message: the site's address (``SITE_URL``) and ``path``."""
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def message_render(template, context):
    """The plain-text and HTML bodies of ``templates/mail/<template>``."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    text = render_to_string(f"mail/{template}.txt", context)
    html = render_to_string(f"mail/{template}.html", context)
    return text, html


def message_queue(
    *, key, kind, to, subject, template, context, unsubscribe_url="", forget_recipient=False
):
    """Record the message under ``key`` and queue its delivery; the record.

    A key already recorded returns that record and queues nothing. With
    ``forget_recipient`` the address is deleted from the record once the message is sent
    (or by ``recipients_forget`` if it never is)."""
    existing = SentMessage.objects.filter(key=key).first()
    if existing:
        return existing
    text, html = message_render(
        template, {**context, "unsubscribe_url": unsubscribe_url, "subject": subject}
    )
    with transaction.atomic():
        message, created = SentMessage.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "to": to,
                "subject": subject[:200],
                "text": text,
                "html": html,
                "unsubscribe_url": unsubscribe_url,
                "forget_recipient": forget_recipient,
            },
        )
        if created:
            # On the database queue the task is a row written in this transaction: a worker
            # sees it once the message's record is there too.
            message_deliver.enqueue(message.pk)
    return message


def _email(message):
    headers = {}
    if message.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers=headers,
    )
    email.attach_alternative(message.html, "text/html")
    return email


def _retry(message_id, attempts):
    """Queue another try later if the queue can defer and tries remain; whether it did."""
    if attempts > len(MAIL_RETRY_DELAYS) or not default_task_backend.supports_defer:
        return False
    delay = datetime.timedelta(seconds=MAIL_RETRY_DELAYS[attempts - 1])
    message_deliver.using(run_after=timezone.now() + delay).enqueue(message_id)
    return True


@task()
def message_deliver(message_id):
    """Send one recorded message, once. Returns its state."""
    with transaction.atomic():
        message = SentMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state == SentMessage.State.SENT:
            return "skipped"
        message.attempts += 1
        try:
            _email(message).send()
        except Exception as error:  # the mail server refused or could not be reached
            message.state = SentMessage.State.FAILED
            message.last_error = type(error).__name__[:200]
            message.save(update_fields=["state", "attempts", "last_error"])
            retried = _retry(message.pk, message.attempts)
            log.warning(
                "mail not sent",
                extra={"message_id": message.pk, "kind": message.kind, "retried": retried},
            )
            if retried:
                SentMessage.objects.filter(pk=message.pk).update(state=SentMessage.State.WAITING)
            return "failed"
        message.state = SentMessage.State.SENT
        message.sent = timezone.now()
        message.text = message.html = ""
        message.last_error = ""
        if message.forget_recipient:
            message.to = ""
        message.save()
        return "sent"


def message_retry(message):
    """Queue a failed message again (an administrator's action)."""
    updated = SentMessage.objects.filter(pk=message.pk, state=SentMessage.State.FAILED).update(
        state=SentMessage.State.WAITING
    )
    if updated:
        message_deliver.enqueue(message.pk)
    return bool(updated)


def recipients_forget(*, before):
    """Delete the address, and the bodies, of messages queued before ``before`` that were
    to forget their recipient once sent but never were (failed for good); how many."""
    return (
        SentMessage.objects.filter(forget_recipient=True, created__lt=before)
        .exclude(state=SentMessage.State.SENT)
        .exclude(to="")
        .update(to="", text="", html="", state=SentMessage.State.FAILED)
    )

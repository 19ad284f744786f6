"""Messages: both bodies, the recorded key that stops a second send, retries, and a real
SMTP server."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from scoping.mail.models import SentMessage
from scoping.mail.sending import message_deliver, message_queue, message_retry
from scoping.mail.tests.smtp_server import SmtpServer, free_port

pytestmark = pytest.mark.django_db


def queue(key="reset:1", unsubscribe_url=""):
    return message_queue(
        key=key,
        kind="password_reset",
        to="someone@example.org",
        subject="Reset your password",
        template="password_reset",
        context={"username": "someone", "link": "http://testserver/reset/x/y/", "hours": 2},
        unsubscribe_url=unsubscribe_url,
    )


def test_a_message_goes_out_as_plain_text_and_html_and_is_recorded():
    message = queue()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["someone@example.org"]
    assert sent.subject == "Reset your password"
    assert "http://testserver/reset/x/y/" in sent.body
    assert "<html" not in sent.body
    html, kind = sent.alternatives[0]
    assert kind == "text/html"
    assert 'href="http://testserver/reset/x/y/"' in html
    assert "Peer Support Directory" in html
    assert "List-Unsubscribe" not in sent.extra_headers
    message.refresh_from_db()
    assert message.state == SentMessage.State.SENT and message.attempts == 1
    # The one-time link does not stay in the database once the message is sent.
    assert message.text == "" and message.html == ""


def test_the_same_key_sends_once():
    first = queue()
    second = queue()
    assert first.pk == second.pk
    assert len(mail.outbox) == 1
    assert SentMessage.objects.count() == 1


def test_a_periodic_message_carries_list_unsubscribe():
    queue(unsubscribe_url="http://testserver/accounts/unsubscribe/abc/")
    sent = mail.outbox[0]
    assert sent.extra_headers["List-Unsubscribe"] == "<http://testserver/accounts/unsubscribe/abc/>"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Stop these e-mails: http://testserver/accounts/unsubscribe/abc/" in sent.body


def test_through_a_real_smtp_server(settings):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        queue(unsubscribe_url="http://testserver/accounts/unsubscribe/abc/")
    [(recipients, received)] = server.inbox.messages
    assert recipients == ["someone@example.org"]
    assert received["Subject"] == "Reset your password"
    assert received["List-Unsubscribe"] == "<http://testserver/accounts/unsubscribe/abc/>"
    text = received.get_body(preferencelist=("plain",)).get_content()
    html = received.get_body(preferencelist=("html",)).get_content()
    assert "http://testserver/reset/x/y/" in text
    assert 'href="http://testserver/reset/x/y/"' in html
    assert SentMessage.objects.get().state == SentMessage.State.SENT


def test_a_server_that_does_not_answer_leaves_the_message_failed_then_it_is_sent_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    message = queue()
    message.refresh_from_db()
    assert message.state == SentMessage.State.FAILED
    assert message.attempts == 1
    assert message.last_error == "ConnectionRefusedError"
    assert "http://testserver/reset/x/y/" in message.text  # kept until it is sent
    with SmtpServer() as server:
        settings.EMAIL_PORT = server.port
        assert message_retry(message)
        assert not message_retry(message)  # already sent: not again
    assert len(server.inbox.messages) == 1
    message.refresh_from_db()
    assert message.state == SentMessage.State.SENT and message.attempts == 2


def test_on_the_database_queue_a_failed_send_is_tried_again_later(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    message = queue()
    [waiting] = DBTaskResult.objects.all()
    assert waiting.args_kwargs["args"] == [message.pk]
    # What a worker does with it: try it now, fail, and queue a try a minute later.
    assert message_deliver.call(message.pk) == "failed"
    message.refresh_from_db()
    assert message.state == SentMessage.State.WAITING and message.attempts == 1
    later = DBTaskResult.objects.exclude(pk=waiting.pk).get()
    assert later.run_after > waiting.enqueued_at

"""Password reset by e-mail: the same answer for any address, a link that works once and
expires, and a limit on how often it may be asked for."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from scoping.accounts.password_reset import RESET_LIMIT, RESET_PER_ACCOUNT

pytestmark = pytest.mark.django_db
NEW = "a quiet morning in the dales"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(make_user):
    user = make_user("member", "Champions")
    user.email = "member@example.org"
    user.save()
    return user


def ask(client, email):
    return client.post("/accounts/password_reset/", {"email": email})


def link_in(message):
    return re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+/)", message.body)[1]


def test_the_page_is_public_and_in_the_govuk_style(client):
    page = client.get("/accounts/password_reset/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reset your password" in html and "govuk-input" in html


def test_known_and_unknown_addresses_get_the_same_answer(client, member):
    known = ask(client, "member@example.org")
    unknown = ask(client, "nobody-here@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password_reset/done/"
    done = client.get("/accounts/password_reset/done/").content.decode()
    assert "If that address belongs to an account" in done
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert message.subject == "Reset your Peer Support Directory password"
    assert "the account member on the Peer Support Directory" in message.body
    assert "for the next 2 hours" in message.body
    assert link_in(message) in message.alternatives[0][0]


def test_an_inactive_account_gets_no_message(client, member):
    member.is_active = False
    member.save()
    assert ask(client, "member@example.org").status_code == 302
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once(member):
    ask(Client(), "member@example.org")
    link = link_in(mail.outbox[0])
    client = Client()
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/accounts/reset/done/"
    member.refresh_from_db()
    assert member.check_password(NEW)
    again = Client().get(link, follow=True).content.decode()
    assert "This link no longer works" in again


def test_the_link_expires_after_2_hours(member, time_machine):
    ask(Client(), "member@example.org")
    link = link_in(mail.outbox[0])
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=2, minutes=1))
    assert "This link no longer works" in Client().get(link, follow=True).content.decode()


def test_asking_too_often_from_one_address_is_refused(client, member):
    for _ in range(RESET_LIMIT):
        assert ask(client, "someone@example.org").status_code == 302
    refused = ask(client, "member@example.org")
    assert refused.status_code == 429
    assert "Try again in 15 minutes" in refused.content.decode()
    assert mail.outbox == []


def test_one_account_gets_a_limited_number_of_messages(member, time_machine):
    start = timezone.now()
    for number in range(RESET_PER_ACCOUNT + 2):
        time_machine.move_to(start + datetime.timedelta(minutes=number))  # a new link each time
        client = Client(REMOTE_ADDR=f"10.0.0.{number + 1}")
        assert ask(client, "member@example.org").status_code == 302
    assert len(mail.outbox) == RESET_PER_ACCOUNT


def test_asking_twice_in_one_second_sends_one_message(member, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ask(Client(), "member@example.org")
    ask(Client(REMOTE_ADDR="10.0.0.9"), "member@example.org")
    assert len(mail.outbox) == 1

"""Invitations: from the admin or the command, a link that works once for 7 days, the
person's own password, signed in with the role; deactivation ends sessions."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from scoping.accounts.invitations import invitation_create
from scoping.accounts.models import Invitation
from scoping.accounts.roles import CHAMPIONS, INTERVIEW_TEAM
from scoping.mail.models import SentMessage

pytestmark = pytest.mark.django_db
GOOD = "a long walk by the canal"


def link_in(message):
    return re.search(r"http://127\.0\.0\.1:8000(/accounts/invitation/[^/\s]+/)", message.body)[1]


def test_the_admin_invites_by_address_and_role(admin_client, admin_user):
    page = admin_client.get("/admin/scoping/invitation/add/")
    assert page.status_code == 200
    assert 'name="password' not in page.content.decode()
    response = admin_client.post(
        "/admin/scoping/invitation/add/", {"email": "New.Person@Example.org", "role": CHAMPIONS}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org" and invitation.role == CHAMPIONS
    assert invitation.expires - invitation.created == datetime.timedelta(days=7)
    [message] = mail.outbox
    assert message.to == ["new.person@example.org"]
    assert message.subject == "You are invited to the Peer Support Directory"
    assert f"{admin_user.username} has invited you" in message.body
    assert "member of the Champions role" in message.body
    assert link_in(message) in message.alternatives[0][0]
    # The token itself is not kept: only its hash, and the sent message's body is emptied.
    token = link_in(message).split("/")[-2]
    assert token not in invitation.token_hash
    assert SentMessage.objects.get().text == ""


def test_add_user_is_an_invitation_and_nobody_sets_anothers_password(admin_client, champion):
    assert admin_client.get("/admin/auth/user/add/")["Location"] == "/admin/scoping/invitation/add/"
    response = admin_client.get(f"/admin/auth/user/{champion.pk}/password/")
    assert response.status_code == 403


def test_an_address_with_an_account_is_refused(admin_client, champion):
    champion.email = "champ@example.org"
    champion.save()
    response = admin_client.post(
        "/admin/scoping/invitation/add/", {"email": "CHAMP@example.org", "role": CHAMPIONS}
    )
    assert response.status_code == 200
    assert "already has an account" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_only_user_managers_may_invite(client, champion):
    client.force_login(champion)
    assert client.get("/admin/scoping/invitation/add/").status_code == 403


def test_the_link_sets_a_password_signs_in_with_the_role_and_works_once():
    invitation_create(email="iv@example.org", role=INTERVIEW_TEAM)
    link = link_in(mail.outbox[0])
    client = Client()
    page = client.get(link)
    assert page.status_code == 200
    assert "Interview team" in page.content.decode()
    weak = client.post(link, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 400
    assert "too short" in weak.content.decode()
    assert not User.objects.filter(username="iv@example.org").exists()
    done = client.post(link, {"new_password1": GOOD, "new_password2": GOOD})
    assert done.status_code == 302 and done["Location"] == "/"
    user = User.objects.get(username="iv@example.org")
    assert user.check_password(GOOD) and user.email == "iv@example.org"
    assert list(user.groups.values_list("name", flat=True)) == [INTERVIEW_TEAM]
    assert user.is_staff
    assert client.get("/").wsgi_request.user == user
    again = Client().get(link)
    assert again.status_code == 404
    assert "This link no longer works" in again.content.decode()
    assert Client().post(link, {"new_password1": GOOD, "new_password2": GOOD}).status_code == 404
    assert User.objects.filter(email="iv@example.org").count() == 1


def test_the_link_expires_after_7_days(time_machine):
    invitation_create(email="late@example.org", role=CHAMPIONS)
    link = link_in(mail.outbox[0])
    time_machine.move_to(timezone.now() + datetime.timedelta(days=7, minutes=1))
    assert Client().get(link).status_code == 404
    response = Client().post(link, {"new_password1": GOOD, "new_password2": GOOD})
    assert response.status_code == 404
    assert not User.objects.filter(username="late@example.org").exists()


def test_a_made_up_token_opens_nothing(client):
    assert client.get("/accounts/invitation/not-a-real-token/").status_code == 404


def test_the_command_invites(capsys):
    call_command("invite", "cmd@example.org", "Analysts")
    assert "Invited them as Analysts" in capsys.readouterr().out
    assert mail.outbox[0].to == ["cmd@example.org"]
    assert "An administrator has invited you" in mail.outbox[0].body
    with pytest.raises(CommandError, match="No role called 'Wizards'"):
        call_command("invite", "x@example.org", "Wizards")


def test_deactivating_a_user_ends_their_sessions(champion, analyst):
    theirs, other = Client(), Client()
    theirs.force_login(champion)
    other.force_login(analyst)
    assert theirs.get("/").status_code == 200
    champion.is_active = False
    champion.save()
    assert theirs.get("/").status_code == 302
    assert other.get("/").status_code == 200

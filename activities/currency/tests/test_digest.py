"""The champions' weekly digest: per champion and place, only when something is due, once a
week, with an unsubscribe link that works."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from activities.currency.digest import digests_send
from activities.currency.models import PlaceChampion
from activities.models import Place
from activities.tests.factories import make_activity
from scoping.mail.models import Unsubscribe

pytestmark = pytest.mark.django_db
OLD = timezone.localdate() - datetime.timedelta(days=400)
RECENT = timezone.localdate() - datetime.timedelta(days=10)


@pytest.fixture
def champions(make_user):
    leeds = make_user("leeds-champ", "Champions")
    leeds.email = "leeds@example.org"
    leeds.save()
    wakefield = make_user("wake-champ", "Champions")
    wakefield.email = "wake@example.org"
    wakefield.save()
    PlaceChampion.objects.create(user=leeds, place=Place.objects.get(slug="leeds"))
    PlaceChampion.objects.create(user=wakefield, place=Place.objects.get(slug="wakefield"))
    return leeds, wakefield


def test_each_champion_gets_their_places_due_activities(champions):
    make_activity("Leeds Never Checked", place="leeds")
    make_activity("Leeds Old Check", place="leeds", last_verified=OLD)
    make_activity("Leeds Fresh", place="leeds", last_verified=RECENT)
    make_activity("Wakefield Fresh", place="wakefield", last_verified=RECENT)
    assert digests_send() == 1  # Wakefield has nothing due: no message
    [message] = mail.outbox
    assert message.to == ["leeds@example.org"]
    assert message.subject == "2 activities due for a check"
    assert "in Leeds" in message.body
    assert "Leeds Never Checked (Leeds; last checked never)" in message.body
    assert f"Leeds Old Check (Leeds; last checked {OLD:%-d %B %Y})" in message.body
    assert "Leeds Fresh" not in message.body and "Wakefield" not in message.body
    assert "http://127.0.0.1:8000/activities/review/" in message.body
    html = message.alternatives[0][0]
    assert 'href="http://127.0.0.1:8000/activities/review/"' in html
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/accounts/unsubscribe/"
    )


def test_a_second_run_in_the_same_week_sends_nothing(champions):
    make_activity("Leeds Never Checked", place="leeds")
    call_command("send_digests")
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_unsubscribing_from_the_link_stops_the_digest(champions):
    leeds, _ = champions
    make_activity("Leeds Never Checked", place="leeds")
    digests_send()
    url = re.search(
        r"<http://127\.0\.0\.1:8000(/accounts/unsubscribe/[^>]+)>",
        mail.outbox[0].extra_headers["List-Unsubscribe"],
    )[1]
    client = Client(enforce_csrf_checks=True)
    asked = client.get(url)
    assert asked.status_code == 200 and "Stop these e-mails?" in asked.content.decode()
    assert not Unsubscribe.objects.exists()  # a GET (a link scanner) changes nothing
    done = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert Unsubscribe.objects.filter(user=leeds, kind="digest").exists()
    mail.outbox.clear()
    assert digests_send(timezone.localdate() + datetime.timedelta(days=7)) == 0
    assert Client().get("/accounts/unsubscribe/forged/").status_code == 404


def test_the_account_page_shows_role_places_and_turns_the_digest_back_on(champions):
    leeds, _ = champions
    Unsubscribe.objects.create(user=leeds, kind="digest")
    client = Client()
    client.force_login(leeds)
    page = client.get("/accounts/").content.decode()
    assert "Champions" in page and "Leeds" in page
    assert 'name="digest"' in page and "checked" not in page.split('name="digest"')[1][:40]
    client.post("/accounts/", {"digest": "on"})
    assert not Unsubscribe.objects.filter(user=leeds).exists()
    make_activity("Leeds Never Checked", place="leeds")
    assert digests_send() == 1

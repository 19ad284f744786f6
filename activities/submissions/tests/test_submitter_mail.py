"""The self-submitter's e-mails: an acknowledgement, then the outcome with the champion's
reason; the address kept only until they are told (or ``SUBMITTER_EMAIL_DAYS``)."""

import datetime
import io
import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from activities.models import Activity, Place
from activities.submissions.models import Submission
from activities.vocabulary.terms import DeliveryModel, Sector
from scoping.mail.models import SentMessage
from scoping.mail.tests.smtp_server import SmtpServer, free_port

pytestmark = pytest.mark.django_db
URL = "/activities/share/"
ADDRESS = "sam.sender@example.org"
CHANGELIST = "/admin/activities/submission/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def share(client, **overrides):
    data = {
        "name": "Halifax Hearing Voices",
        "organisation": "Halifax Voices",
        "place": str(Place.objects.get(slug="calderdale").pk),
        "description": "A fortnightly group for people who hear voices.",
        "delivery_model": DeliveryModel.SUPPORT_GROUP,
        "contact": "01422 000000 (office)",
        "sender_email": ADDRESS,
        **overrides,
    }
    return client.post(URL, data)


def decide(client, submission, action):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [submission.pk]})


def test_the_form_explains_the_optional_address(client):
    html = client.get(URL).content.decode()
    assert "Your e-mail address (optional)" in html
    assert "Only to tell you what happens to this" in html
    assert "We delete your address once we have told you" in html
    assert 'type="email"' in html and 'autocomplete="email"' in html


def test_sending_with_an_address_acknowledges_it_and_forgets_it_in_the_mail_record(client):
    assert share(client).status_code == 302
    submission = Submission.objects.get()
    assert submission.sender_email == ADDRESS  # kept for the outcome
    [sent] = mail.outbox
    assert sent.to == [ADDRESS]
    assert sent.subject == "We have the activity you shared"
    assert "“Halifax Hearing Voices” in Calderdale" not in sent.body  # plain quotes in text
    assert '"Halifax Hearing Voices" in Calderdale' in sent.body
    assert "We will e-mail you once more" in sent.body and "90 days" in sent.body
    html, kind = sent.alternatives[0]
    assert kind == "text/html" and "Halifax Hearing Voices" in html and "<html" in html
    assert "List-Unsubscribe" not in sent.extra_headers  # not a periodic message
    record = SentMessage.objects.get()
    assert (record.kind, record.state, record.to) == ("submission_received", "sent", "")
    assert str(submission) == f"Submission {submission.pk} (waiting for a decision)"


def test_without_an_address_nothing_is_sent_or_kept(client):
    share(client, sender_email="")
    assert Submission.objects.get().sender_email == ""
    assert not mail.outbox and not SentMessage.objects.exists()


def test_a_wrong_address_is_named_and_nothing_is_saved(client):
    response = share(client, sender_email="not an address")
    assert response.status_code == 400
    assert "Enter an e-mail address like name@example.org, or leave it empty." in (
        response.content.decode()
    )
    assert not Submission.objects.exists() and not mail.outbox


def test_a_rejection_tells_the_sender_the_reason_and_deletes_the_address(
    client, client_for, champion
):
    share(client)
    submission = Submission.objects.get()
    submission.decision_note = "It is a clinical service, not peer support."
    submission.save()
    mail.outbox.clear()
    decide(client_for(champion), submission, "reject_submissions")
    [sent] = mail.outbox
    assert sent.to == [ADDRESS]
    assert sent.subject == "Halifax Hearing Voices: not added to the directory"
    assert "The reason they gave:\n\nIt is a clinical service, not peer support." in sent.body
    assert "It is a clinical service, not peer support." in sent.alternatives[0][0]
    submission.refresh_from_db()
    assert submission.state == Submission.State.REJECTED and submission.sender_email == ""
    assert set(SentMessage.objects.values_list("kind", "to")) == {
        ("submission_received", ""),
        ("submission_outcome", ""),
    }


def test_an_acceptance_says_it_was_added(client, client_for, champion):
    share(client)
    submission = Submission.objects.get()
    submission.sector = Sector.THIRD_SECTOR
    submission.save()
    mail.outbox.clear()
    decide(client_for(champion), submission, "accept_submissions")
    assert Activity.objects.filter(name="Halifax Hearing Voices").exists()
    [sent] = mail.outbox
    assert sent.subject == "Halifax Hearing Voices: added to the directory"
    assert "it has been added to the directory" in sent.body
    assert "reason" not in sent.body  # no note given: no reason line
    assert Submission.objects.get().sender_email == ""
    # A refused second decision sends nothing more.
    decide(client_for(champion), submission, "reject_submissions")
    assert len(mail.outbox) == 1


def test_a_refused_acceptance_sends_nothing_and_keeps_the_address(client, client_for, champion):
    share(client)
    mail.outbox.clear()
    decide(client_for(champion), Submission.objects.get(), "accept_submissions")  # no sector
    assert not mail.outbox
    assert Submission.objects.get().sender_email == ADDRESS


def test_the_admin_never_shows_the_address(client, client_for, champion, superuser):
    share(client)
    submission = Submission.objects.get()
    for user in (champion, superuser):
        admin = client_for(user)
        for url in (
            CHANGELIST,
            f"{CHANGELIST}?q=sam.sender",
            f"{CHANGELIST}{submission.pk}/change/",
        ):
            assert ADDRESS not in admin.get(url).content.decode()
    # Searching by it finds nothing either.
    assert (
        "Halifax Hearing Voices"
        not in client_for(superuser)
        .get(f"{CHANGELIST}?q={ADDRESS}")
        .content.decode()
        .split("<tbody>")[-1]
    )


def test_prune_logs_deletes_undecided_addresses_after_the_keeping_period(client, settings):
    share(client)
    share(client, name="Leeds Walk")
    old = timezone.now() - datetime.timedelta(days=settings.SUBMITTER_EMAIL_DAYS + 1)
    Submission.objects.filter(name="Halifax Hearing Voices").update(submitted_at=old)
    call_command("prune_logs", stdout=io.StringIO())
    kept = dict(Submission.objects.values_list("name", "sender_email"))
    assert kept == {"Halifax Hearing Voices": "", "Leeds Walk": ADDRESS}


def test_a_message_never_sent_forgets_its_address_after_the_keeping_period(
    client, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    with caplog.at_level(logging.DEBUG):
        share(client)
    record = SentMessage.objects.get()
    assert record.state == SentMessage.State.FAILED and record.to == ADDRESS  # to retry
    assert ADDRESS not in caplog.text  # the failure is logged without the address
    SentMessage.objects.update(
        created=timezone.now() - datetime.timedelta(days=settings.SUBMITTER_EMAIL_DAYS + 1)
    )
    call_command("prune_logs", stdout=io.StringIO())
    record.refresh_from_db()
    assert (record.to, record.text, record.html) == ("", "", "")


def test_both_messages_through_a_real_smtp_server(client, client_for, champion, settings):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        share(client)
        submission = Submission.objects.get()
        submission.decision_note = "We could not find it meeting any more."
        submission.save()
        decide(client_for(champion), submission, "reject_submissions")
    received = [(rcpt, message["Subject"]) for rcpt, message in server.inbox.messages]
    assert received == [
        ([ADDRESS], "We have the activity you shared"),
        ([ADDRESS], "Halifax Hearing Voices: not added to the directory"),
    ]
    outcome = server.inbox.messages[1][1]
    text = outcome.get_body(preferencelist=("plain",)).get_content()
    html = outcome.get_body(preferencelist=("html",)).get_content()
    assert "We could not find it meeting any more." in text
    assert "We could not find it meeting any more." in html
    assert "your e-mail address is deleted" in text
    assert not SentMessage.objects.exclude(to="").exists()
    assert Submission.objects.get().sender_email == ""


def test_the_champion_sees_that_the_sender_will_be_told(client, client_for, champion):
    share(client)
    share(client, name="Leeds Walk", sender_email="")
    admin = client_for(champion)
    told, untold = (
        Submission.objects.get(name=n) for n in ("Halifax Hearing Voices", "Leeds Walk")
    )
    page = admin.get(f"{CHANGELIST}{told.pk}/change/").content.decode()
    assert "Yes: with the decision note as the reason." in page and ADDRESS not in page
    page = admin.get(f"{CHANGELIST}{untold.pk}/change/").content.decode()
    assert "No: they gave no e-mail address" in page
    decide(admin, told, "reject_submissions")
    page = admin.get(f"{CHANGELIST}{told.pk}/change/").content.decode()
    assert "have been told already" in page


def test_the_about_page_says_what_is_kept_about_a_sender(client, settings):
    settings.SUBMITTER_EMAIL_DAYS = 60
    html = client.get("/about/").content.decode()
    assert "nothing, unless you give your e-mail address to hear what happens to it" in html
    assert "after 60 days if no decision has been made" in html

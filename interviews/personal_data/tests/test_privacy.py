"""No transcript text or identity in __str__, admin list columns or logs; opening a
transcript or an identity in the admin is logged too."""

import logging

import pytest
from django.contrib.admin.models import LogEntry

from interviews.models import AccessLogEntry, RedactionLogEntry, StaffName, Withdrawal
from interviews.personal_data.access_log import access_record
from interviews.tests.factories import make_interview, make_participant

pytestmark = pytest.mark.django_db

SECRETS = ["Jane Smith", "jane@example.org", "Sunrise Centre", "Boundaries, mostly", "Secret memo"]


def test_no_str_shows_a_transcript_a_quote_or_an_identity(coded, interviewer):
    participant, interview = coded["participant"], coded["interview"]
    objects = [
        participant,
        participant.identity,
        participant.consent,
        interview,
        coded["excerpt"],
        access_record(user=interviewer, participant=participant, event="identity"),
        RedactionLogEntry.objects.create(
            interview=interview,
            kind="name",
            original="Jane",
            replacement="[NAME 1]",
            start=0,
            end=4,
        ),
        StaffName.objects.create(name="Claire Dawson"),
        Withdrawal(code="LDS-99", withdrawn_on=interview.approved_on or "2020-01-01"),
    ]
    for obj in objects:
        text = str(obj)
        assert not any(secret in text for secret in [*SECRETS, "Jane", "Claire"]), text


@pytest.mark.parametrize(
    "changelist",
    [
        "participant",
        "participantidentity",
        "consent",
        "interview",
        "accesslogentry",
        "redactionlogentry",
    ],
)
def test_admin_lists_show_no_transcript_or_identity(client_for, superuser, coded, changelist):
    RedactionLogEntry.objects.create(
        interview=coded["interview"],
        kind="name",
        original="Jane Smith",
        replacement="[NAME 1]",
        start=0,
        end=4,
    )
    access_record(user=superuser, participant=coded["participant"], event="identity")
    page = client_for(superuser).get(f"/admin/interviews/{changelist}/").content.decode()
    assert coded["participant"].code in page
    assert not any(secret in page for secret in SECRETS), changelist


def test_opening_a_transcript_or_identity_in_the_admin_is_logged(client_for, interviewer, coded):
    client = client_for(interviewer)
    interview, identity = coded["interview"], coded["participant"].identity
    assert client.get(f"/admin/interviews/interview/{interview.pk}/change/").status_code == 200
    assert (
        client.get(f"/admin/interviews/participantidentity/{identity.pk}/change/").status_code
        == 200
    )
    assert list(AccessLogEntry.objects.order_by("at", "pk").values_list("event", "user")) == [
        ("transcript", interviewer.pk),
        ("identity", interviewer.pk),
    ]
    log = client.get("/admin/interviews/accesslogentry/").content.decode()
    assert "Viewed a transcript" in log and "Viewed an identity" in log


def test_analysts_cannot_open_interview_data_in_the_admin(client_for, staff_analyst, coded):
    client = client_for(staff_analyst)
    for url in (
        f"/admin/interviews/interview/{coded['interview'].pk}/change/",
        f"/admin/interviews/participantidentity/{coded['participant'].identity.pk}/change/",
        "/admin/interviews/accesslogentry/",
    ):
        assert client.get(url).status_code == 403, url
    assert not AccessLogEntry.objects.exists()


def test_an_approved_transcript_is_read_only_in_the_admin(client_for, superuser, coded):
    page = (
        client_for(superuser)
        .get(f"/admin/interviews/interview/{coded['interview'].pk}/change/")
        .content.decode()
    )
    assert 'name="transcript"' not in page


def test_the_admin_refuses_an_interview_without_consent(client_for, superuser):
    participant = make_participant(consent=False)
    guide = make_interview().guide
    response = client_for(superuser).post(
        "/admin/interviews/interview/add/",
        {
            "participant": participant.pk,
            "held_on": "2020-02-01",
            "mode": "telephone",
            "guide": guide.pk,
            "transcript": "",
            "transcription_method": "manual",
        },
    )
    assert (
        f"{participant.code} has not consented to be interviewed: record their consent first."
        in response.content.decode()
    )


def test_the_anonymise_read_through_and_approve_buttons(client_for, superuser):
    interview = make_interview(make_participant(name="Jane Smith"), "Jane said hi.", approved=False)
    client = client_for(superuser)
    for action in ("anonymise", "read-through", "approve"):
        client.post(f"/interviews/{interview.pk}/{action}/")
    interview.refresh_from_db()
    assert interview.transcript == "[NAME 1] said hi."
    assert interview.status == "approved"
    assert not LogEntry.objects.filter(change_message__icontains="Jane").exists()


def test_nothing_personal_is_logged(caplog, client_for, interviewer, coded):
    with caplog.at_level(logging.DEBUG):
        client_for(interviewer).get(f"/interviews/{coded['interview'].pk}/")
        client_for(interviewer).get(f"/interviews/participants/{coded['participant'].pk}/")
    assert not any(secret in caplog.text for secret in SECRETS)


def test_participants_are_not_deleted_bare_in_the_admin(client_for, superuser, coded):
    client = client_for(superuser)
    page = client.get("/admin/interviews/participant/").content.decode()
    assert "delete_selected" not in page and 'value="withdraw"' in page
    url = f"/admin/interviews/participant/{coded['participant'].pk}/delete/"
    assert client.get(url).status_code == 403


def test_editing_a_checked_transcript_sends_it_back_to_draft(client_for, superuser):
    interview = make_interview(approved=False, transcript="Old text.")
    interview.status = "checked"
    interview.save()
    response = client_for(superuser).post(
        f"/admin/interviews/interview/{interview.pk}/change/",
        {
            "participant": interview.participant_id,
            "held_on": "2020-02-01",
            "mode": "telephone",
            "guide": interview.guide_id,
            "transcript": "New text.\r\nSecond line.",
            "transcription_method": "manual",
        },
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.status, interview.transcript) == ("draft", "New text.\nSecond line.")

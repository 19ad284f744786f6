"""The subject access export holds everything kept about one participant."""

import datetime
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from interviews.coding.services import excerpt_create
from interviews.models import (
    AccessLogEntry,
    Consent,
    Interview,
    ParticipantIdentity,
    PublicationApproval,
    RedactionLogEntry,
    ShadowingVisit,
)
from interviews.personal_data.access_log import access_record
from interviews.personal_data.subject_access import subject_access_export
from interviews.tests.factories import make_interview, make_participant, make_theme
from scoping.accounts.roles import INTERVIEW_TEAM

pytestmark = pytest.mark.django_db


def test_it_exports_everything_held(interviewer):
    participant = make_participant(name="Jane Smith")
    make_participant(name="Someone Else")
    first = make_interview(participant, transcript="First [NAME 1] transcript.")
    second = make_interview(participant, transcript="Second one, coded.", approved=True)
    theme = make_theme("Values")
    excerpt_create(interview=second, start=0, end=6, themes=[theme], memo="opening", by=interviewer)
    access_record(user=interviewer, participant=participant, event="identity")

    data = json.loads(json.dumps(subject_access_export(participant=participant, by=interviewer)))

    assert data["participant"]["code"] == participant.code
    assert data["participant"]["place"] == "Leeds"
    assert data["identity"] == {
        "name": "Jane Smith",
        "other_names": [],
        "contact": "jane@example.org",
    }
    assert {k: data["consent"][k] for k in Consent.STATEMENTS} == dict.fromkeys(
        Consent.STATEMENTS, True
    )
    assert data["consent"]["signed_on"] == "2020-01-10"
    assert [i["transcript"] for i in data["interviews"]] == [first.transcript, second.transcript]
    assert data["excerpts"] == [
        {
            "interview": second.pk,
            "start": 0,
            "end": 6,
            "quote": "Second",
            "themes": ["Values"],
            "memo": "opening",
            "coding": "Final coding",  # or a coder's own, while two code (all are held)
            "published": None,
        }
    ]
    assert [a["event"] for a in data["access_log"]] == [
        "Viewed an identity",
        "Exported a subject access file",
    ]
    assert "Someone Else" not in json.dumps(data)
    assert AccessLogEntry.objects.filter(event="subject_access").count() == 1


def test_it_says_who_interviewed_them_saw_them_and_changed_their_records(
    interviewer, make_user, superuser
):
    """Issue 29, finding 7: redactions, publication, admin history, viewers, interviewers."""
    participant = make_participant(name="Jane Smith")
    ParticipantIdentity.objects.filter(participant=participant).update(other_names="Janey, JJ")
    participant.identity.refresh_from_db()
    viewer = make_user("viewer", INTERVIEW_TEAM)
    interview = make_interview(participant, transcript="I'm [NAME 1]. Groups help.")
    Interview.objects.filter(pk=interview.pk).update(interviewer=interviewer)
    RedactionLogEntry.objects.create(
        interview=interview, kind="name", original="Jane", replacement="[NAME 1]", start=4, end=8
    )
    RedactionLogEntry.objects.create(
        interview=interview,
        kind="kept",
        original="Groups",
        replacement="",
        start=14,
        end=20,
        reason="Not a name",
        by=interviewer,
    )
    excerpt = excerpt_create(
        interview=interview, start=14, end=26, themes=[make_theme()], by=interviewer
    )
    PublicationApproval.objects.create(excerpt=excerpt, approved_by=superuser)
    ShadowingVisit.objects.create(
        participant=participant, started_on=datetime.date(2020, 2, 3), shadowed_by=interviewer
    )
    LogEntry.objects.log_actions(
        user_id=superuser.pk,
        queryset=[participant.identity],
        action_flag=CHANGE,
        change_message="Changed contact.",
    )
    access_record(user=viewer, participant=participant, event="transcript", interview=interview)
    other = make_participant(name="Someone Else")
    LogEntry.objects.log_actions(
        user_id=superuser.pk, queryset=[other], action_flag=CHANGE, change_message="Other."
    )

    data = json.loads(json.dumps(subject_access_export(participant=participant, by=interviewer)))

    assert data["identity"]["other_names"] == ["Janey", "JJ"]
    assert data["interviews"][0]["interviewer"] == "interviewer"
    assert [(r["kind"], r["original"], r["reason"], r["by"]) for r in data["redaction_log"]] == [
        ("name", "Jane", "", None),
        ("kept", "Groups", "Not a name", "interviewer"),
    ]
    assert data["excerpts"][0]["published"]["approved_by"] == "root"
    assert data["shadowing_visits"][0]["shadowed_by"] == "interviewer"
    assert [(h["record"], h["action"], h["by"], h["change"]) for h in data["admin_history"]] == [
        (
            f"participant identity: Identity of {participant.code}",
            "Change",
            "root",
            "Changed contact.",
        )
    ]
    assert [(a["event"], a["by"]) for a in data["access_log"]] == [
        ("Viewed a transcript", "viewer"),
        ("Exported a subject access file", "interviewer"),
    ]
    assert other.code not in json.dumps(data)

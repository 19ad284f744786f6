"""The subject access export holds everything kept about one participant."""

import json

import pytest

from interviews.coding.services import excerpt_create
from interviews.models import AccessLogEntry, Consent
from interviews.personal_data.access_log import access_record
from interviews.personal_data.subject_access import subject_access_export
from interviews.tests.factories import make_interview, make_participant, make_theme

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
    assert data["identity"] == {"name": "Jane Smith", "contact": "jane@example.org"}
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
        }
    ]
    assert [a["event"] for a in data["access_log"]] == [
        "Viewed an identity",
        "Exported a subject access file",
    ]
    assert "Someone Else" not in json.dumps(data)
    assert AccessLogEntry.objects.filter(event="subject_access").count() == 1

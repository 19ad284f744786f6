"""Random and hostile input to the guided flow's four steps: no 500, nothing stored
that was refused, stored text escaped where it is shown."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Place
from interviews.models import Consent, Interview, Participant, ParticipantIdentity
from interviews.tests.factories import make_interview, make_participant
from scoping.tests.hostile import RUN, form_data, post_and_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client(client_for, interviewer):
    return client_for(interviewer)


@RUN
@given(data=st.data())
def test_the_participant_step_survives_anything(team_client, data):
    leeds = str(Place.objects.get(slug="leeds").pk)
    valid = {"code": "LDS-900", "place": leeds, "sector": "nhs", "role": "worker", "paid": "on"}
    posted = data.draw(
        form_data(valid, ["code", "place", "sector", "role", "paid", "organisation"])
    )
    post_and_check(
        team_client,
        "/interviews/participants/new/",
        posted,
        Participant,
        lambda latest: [f"/interviews/participants/{latest.pk}/progress/"],
    )


@RUN
@given(data=st.data())
def test_the_identity_step_survives_anything(team_client, data):
    participant = make_participant(name="", consent=False)
    posted = data.draw(form_data({"name": "Ann Example", "contact": ""}, ["name", "contact"]))
    post_and_check(
        team_client,
        f"/interviews/participants/{participant.pk}/identity/",
        posted,
        ParticipantIdentity,
        [f"/interviews/participants/{participant.pk}/identity/"],
    )


@RUN
@given(data=st.data())
def test_the_consent_step_survives_anything(team_client, data):
    participant = make_participant(name="", consent=False)
    valid = {
        "signed_on": "2020-01-10",
        **dict.fromkeys(Consent.STATEMENTS, "on"),
    }
    fields = [
        *Consent.STATEMENTS,
        "software_transcription",
        "signed_on",
        "collected_by",
    ]
    posted = data.draw(form_data(valid, fields))
    post_and_check(
        team_client,
        f"/interviews/participants/{participant.pk}/consent/",
        posted,
        Consent,
        [f"/interviews/participants/{participant.pk}/progress/", "/interviews/participants/"],
    )


@RUN
@given(data=st.data())
def test_the_interview_step_survives_anything(team_client, data):
    participant = make_participant(name="", consent=True)
    guide = make_interview().guide
    valid = {
        "held_on": "2020-02-01",
        "mode": "video",
        "guide": str(guide.pk),
        "transcript": "Interviewer: Hello.",
        "transcription_method": "manual",
    }
    fields = [
        "held_on",
        "mode",
        "interviewer",
        "guide",
        "transcription_method",
        "transcript",
        "recording_deleted_on",
    ]
    posted = data.draw(form_data(valid, fields))
    post_and_check(
        team_client,
        f"/interviews/participants/{participant.pk}/interview/",
        posted,
        Interview,
        lambda latest: [f"/interviews/{latest.pk}/", "/interviews/participants/"],
    )

"""Hostile input to the flag decisions: a form error or a recorded decision,
never a 500; a refused decision writes nothing to the redaction log."""

import pytest
from hypothesis import given

from interviews.models import RedactionLogEntry
from interviews.tests.factories import make_interview
from scoping.tests.hostile import RUN, form_data, post_and_check

pytestmark = pytest.mark.django_db

VALID = {"word": "Dinah", "decision": "keep", "tag": "[NAME]", "reason": "A ward's name"}


@pytest.fixture
def flagged():
    return make_interview(transcript="Dinah and Barnaby run it.", approved=False)


@RUN
@given(data=form_data(VALID, list(VALID)))
def test_the_flag_decision_form_survives_anything(client_for, interviewer, flagged, data):
    url = f"/interviews/{flagged.pk}/flags/"
    response = post_and_check(client_for(interviewer), url, data, RedactionLogEntry, pages=[url])
    if response.status_code == 200:  # refused: the transcript is as it was
        flagged.refresh_from_db()
        assert flagged.transcript == "Dinah and Barnaby run it."

"""Every name the system holds for anyone is replaced in every transcript."""

import pytest

from interviews.tests.factories import make_interview, make_participant
from interviews.transcripts.services import transcript_findings

pytestmark = pytest.mark.django_db


def test_another_participants_nickname_is_found_in_a_transcript():
    other = make_participant(code="LDS-90", name="Margaret Quuxington")
    other.identity.other_names = "Peggy, Maggie Q"
    other.identity.save()
    interview = make_interview(
        participant=make_participant(code="LDS-91", name="Robert Frobisher"),
        transcript="I asked Peggy about it, and Maggie Q said the same.",
    )

    found = {f.value for f in transcript_findings(interview)}

    assert {"Peggy", "Maggie Q"} <= found

"""Two research rounds of coded interviews, for the pages that show one round at a time."""

import pytest

from interviews.coding.services import excerpt_create
from interviews.tests.factories import (
    make_interview,
    make_participant,
    make_round,
    make_theme,
    study_round,
)

WORDS = "Peer support means being alongside someone who has been there too."


@pytest.fixture
def two_rounds(interviewer):
    """The study's round with two Leeds passages coded with two themes each; a later round
    with one Wakefield passage coded with one theme."""
    boundaries, values = make_theme("Boundaries"), make_theme("Values")
    later = make_round("2025-26")
    for participant in (make_participant(place="leeds"), make_participant(place="leeds")):
        interview = make_interview(participant, transcript=f"Participant: {WORDS}\n")
        start = interview.transcript.index(WORDS)
        excerpt_create(
            interview=interview, start=start, end=start + len(WORDS),
            themes=[boundaries, values], by=interviewer,
        )  # fmt: skip
    interview = make_interview(
        make_participant(place="wakefield", research_round=later),
        transcript=f"Participant: {WORDS}\n",
    )
    start = interview.transcript.index(WORDS)
    excerpt_create(
        interview=interview, start=start, end=start + len(WORDS), themes=[values], by=interviewer
    )
    return study_round(), later

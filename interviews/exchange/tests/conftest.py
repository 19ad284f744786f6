import datetime
from pathlib import Path

import pytest
from lxml import etree

from interviews.coding.services import excerpt_create
from interviews.exchange.tests.reading import DRAFT
from interviews.tests.factories import make_interview, make_participant, make_theme
from scoping.accounts.roles import INTERVIEW_TEAM

SCHEMA = Path(__file__).parent / "refi_qda" / "Project.xsd"


@pytest.fixture(scope="session")
def refi_schema():
    """The official REFI-QDA Project schema (QDA-XML 1.0), vendored with its licence."""
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture
def coded_study(db, make_user):
    """Two coders, a theme under another, two coded approved transcripts, and what must
    never leave: a draft transcript, and an approved one whose consent came after it."""
    first = make_user("grace.holroyd", INTERVIEW_TEAM)
    second = make_user("kofi.evans", INTERVIEW_TEAM)
    challenges = make_theme("Challenges")
    challenges.description = "What makes peer support hard."
    challenges.save()
    boundaries = make_theme("Boundaries", parent=challenges)
    waiting = make_theme("Waiting lists", parent=challenges)
    values = make_theme("Values")
    worker = make_participant(code="LDS-01", name="Jane Smith")
    manager = make_participant(
        code="WKF-02", place="wakefield", sector="nhs", role="manager", paid=True, name="Dev Clarke"
    )
    first_interview = make_interview(worker)
    second_interview = make_interview(manager, transcript="Participant: Café “values” 😊 first.\n")
    make_interview(
        make_participant(code="CAL-03", place="calderdale", name="Megan Gill"),
        transcript=DRAFT,
        approved=False,
    )
    late = make_participant(code="HRG-04", place="harrogate-rural-district", name="Sam Begum")
    make_interview(
        late, transcript="Participant: Unconsented words.\n", held_on=datetime.date(2020, 1, 1)
    )

    def span(interview, words):
        start = interview.transcript.index(words)
        return {"interview": interview, "start": start, "end": start + len(words)}

    excerpts = [
        excerpt_create(
            **span(first_interview, "Boundaries, mostly."),
            themes=[boundaries, values],
            memo="Jane Smith said this twice; ring 0113 496 0000 to check.",
            by=first,
        ),
        excerpt_create(
            **span(first_interview, "waiting lists are long"), themes=[waiting], by=second
        ),
        excerpt_create(
            **span(second_interview, "“values” 😊"), themes=[values], memo="A good one.", by=second
        ),
    ]
    return {
        "coders": [first, second],
        "themes": [challenges, boundaries, waiting, values],
        "interviews": [first_interview, second_interview],
        "excerpts": excerpts,
    }

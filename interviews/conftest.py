import pytest

from interviews.coding.services import excerpt_create
from interviews.tests.factories import make_interview, make_participant, make_theme
from scoping.accounts.roles import INTERVIEW_TEAM


@pytest.fixture
def coded(db, make_user):
    """One participant, an approved interview and a coded excerpt (by a second team member)."""
    coder = make_user("coder", INTERVIEW_TEAM)
    participant = make_participant(name="Jane Smith")
    interview = make_interview(participant)
    theme = make_theme("Boundaries")
    start = interview.transcript.index("Boundaries")
    excerpt = excerpt_create(
        interview=interview,
        start=start,
        end=start + len("Boundaries, mostly."),
        themes=[theme],
        memo="Secret memo",
        by=coder,
    )
    return {"participant": participant, "interview": interview, "theme": theme, "excerpt": excerpt}


@pytest.fixture
def request_overhead():
    """Queries any signed-in request costs before the view's own (session, user, permissions).

    Measured on the codebook CSV, whose view runs exactly one query, so pinned counts
    stay right if middleware or session settings change.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(client):
        client.get("/interviews/themes/export.csv")  # warm up, as the measured request is
        with CaptureQueriesContext(connection) as queries:
            client.get("/interviews/themes/export.csv")
        return len(queries) - 1

    return measure

"""Themes that tag overlapping passages: counted over the final coding, counts of 1 or 2
participants not shown outside the interview team."""

import pytest

from interviews.coding.co_occurrence import theme_pairs
from interviews.coding.services import excerpt_create
from interviews.models import CodingLayer, Excerpt
from interviews.tests.factories import TRANSCRIPT, make_interview, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(interviewer):
    values, respect, waiting, boundaries, other = (
        make_theme(name) for name in ("Values", "Respect", "Waiting", "Boundaries", "Other")
    )
    start = TRANSCRIPT.index("Boundaries")
    for _ in range(3):  # three people: one excerpt with both themes
        excerpt_create(
            interview=make_interview(), start=0, end=20, themes=[values, respect], by=interviewer
        )
    one = make_interview()  # one person: two excerpts overlapping, a theme each
    excerpt_create(interview=one, start=start, end=start + 30, themes=[waiting], by=interviewer)
    excerpt_create(
        interview=one, start=start + 20, end=start + 40, themes=[boundaries], by=interviewer
    )
    excerpt_create(interview=one, start=0, end=5, themes=[other], by=interviewer)  # meets none
    # A coder's own coding (while two code) is not counted.
    blind = Excerpt.objects.create(
        interview=one, start=0, end=5, quote=TRANSCRIPT[:5], coding=CodingLayer.FIRST
    )
    blind.themes.set([values, other])
    return one


def test_pairs_are_counted_in_participants_and_overlapping_passages(coded):
    pairs = [(p.first, p.second, p.participants, p.overlaps) for p in theme_pairs(protected=False)]
    assert pairs == [("Respect", "Values", 3, 3), ("Boundaries", "Waiting", 1, 1)]
    protected = [(p.first, p.second, p.participants) for p in theme_pairs(protected=True)]
    assert protected == [("Respect", "Values", 3), ("Boundaries", "Waiting", "not shown")]


def test_the_team_sees_small_counts_marked_analysts_and_the_csv_never(
    coded, client_for, interviewer, analyst, django_assert_num_queries, request_overhead
):
    client = client_for(interviewer)
    page = client.get("/interviews/themes/co-occurrence/").content.decode()
    assert "not shown outside the team" in page
    client = client_for(analyst)
    overhead = request_overhead(client)
    with django_assert_num_queries(overhead + 3):  # the rounds, the pairs, the themes' names
        page = client.get("/interviews/themes/co-occurrence/").content.decode()
    row = page.split(">Boundaries</td>")[1].split("</tr>")[0]
    assert "not shown" in row and ">1<" not in row
    csv = client.get("/interviews/themes/co-occurrence.csv").content.decode("utf-8-sig")
    assert csv.splitlines() == [
        "Theme,Other theme,Participants,Overlapping passages",
        "Respect,Values,3,3",
        "Boundaries,Waiting,not shown,not shown",
    ]

"""Excerpt offsets stay correct and quotes equal the transcript span."""

import pytest
from django.core.exceptions import ValidationError

from interviews.coding.services import excerpt_create, excerpt_update, span_from_quote, theme_merge
from interviews.tests.factories import make_interview, make_theme

pytestmark = pytest.mark.django_db


def test_the_quote_is_the_span(interviewer):
    interview = make_interview(transcript="Café life: peer support — 😀 matters.\nYes.")
    start = interview.transcript.index("peer")
    excerpt = excerpt_create(
        interview=interview, start=start, end=start + 20, themes=[make_theme()], by=interviewer
    )
    excerpt.refresh_from_db()
    assert excerpt.quote == interview.transcript[excerpt.start : excerpt.end]
    assert excerpt.quote == "peer support — 😀 mat"
    assert excerpt.coded_by == interviewer


def test_offsets_from_a_pasted_quote(interviewer):
    interview = make_interview()
    start, end = span_from_quote(interview=interview, quote="Boundaries, mostly.")
    assert interview.transcript[start:end] == "Boundaries, mostly."


def test_a_quote_found_twice_or_not_at_all_says_so():
    interview = make_interview(transcript="Yes. Yes. No.")
    with pytest.raises(ValidationError, match="appears 2 times"):
        span_from_quote(interview=interview, quote="Yes.")
    with pytest.raises(ValidationError, match="not in the transcript"):
        span_from_quote(interview=interview, quote="Maybe")


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (6, 2), (0, 10_000)])
def test_spans_outside_the_transcript_are_refused(interviewer, start, end):
    with pytest.raises(ValidationError, match="within the transcript"):
        excerpt_create(
            interview=make_interview(), start=start, end=end, themes=[make_theme()], by=interviewer
        )


def test_an_excerpt_needs_a_theme(interviewer):
    with pytest.raises(ValidationError, match="at least one theme"):
        excerpt_create(interview=make_interview(), start=0, end=4, themes=[], by=interviewer)


def test_editing_an_excerpt_recomputes_its_quote(interviewer):
    interview = make_interview()
    excerpt = excerpt_create(
        interview=interview, start=0, end=11, themes=[make_theme()], by=interviewer
    )
    excerpt_update(
        excerpt=excerpt, start=13, end=17, themes=[make_theme("Other")], memo="m", by=interviewer
    )
    excerpt.refresh_from_db()
    assert excerpt.quote == interview.transcript[13:17]
    assert [t.name for t in excerpt.themes.all()] == ["Other"]


def test_merging_themes_moves_excerpts_and_children(interviewer):
    a, b = make_theme("A"), make_theme("B")
    child = make_theme("Child", parent=a)
    interview = make_interview()
    both = excerpt_create(interview=interview, start=0, end=3, themes=[a, b], by=interviewer)
    only_a = excerpt_create(interview=interview, start=4, end=8, themes=[a], by=interviewer)
    theme_merge(source=a, target=b)
    assert list(both.themes.values_list("name", flat=True)) == ["B"]
    assert list(only_a.themes.values_list("name", flat=True)) == ["B"]
    child.refresh_from_db()
    assert child.parent == b
    with pytest.raises(ValidationError, match="sits under"):
        theme_merge(source=b, target=child)

"""The question guides and the starting codebook load once, and edits survive a reload."""

import pytest

from interviews.models import InterviewGuide, Theme
from interviews.reference.services import interview_reference_load

pytestmark = pytest.mark.django_db


def test_it_loads_the_two_guides_and_the_codebook_once():
    assert interview_reference_load() == {"question guides": 2, "themes": 95}
    assert [len(g.questions) for g in InterviewGuide.objects.order_by("slug")] == [14, 13]
    values = Theme.objects.get(name="Values and principles of peer support")
    assert values.parent is None
    assert values.children.count() == 16
    burnout = Theme.objects.get(name="Burnout")
    assert burnout.parent.name == "Challenges of working in peer support across WY&H"
    assert burnout.source == "literature"
    assert interview_reference_load() == {"question guides": 0, "themes": 0}
    assert Theme.objects.count() == 95


def test_an_edited_theme_is_kept():
    interview_reference_load()
    Theme.objects.filter(name="Burnout").update(description="Edited")
    interview_reference_load()
    assert Theme.objects.get(name="Burnout").description == "Edited"


def test_the_demo_interviews_are_anonymised_approved_and_coded_once():
    from interviews.demo.services import interviews_demo_load
    from interviews.models import Excerpt, Interview, Participant, RedactionLogEntry
    from interviews.transcripts.services import transcript_findings

    assert interviews_demo_load() == 72
    assert Participant.objects.values("place").distinct().count() == 6
    assert set(Interview.objects.values_list("status", flat=True)) == {"approved"}
    assert RedactionLogEntry.objects.filter(kind="name").exists()
    for interview in Interview.objects.all():
        assert transcript_findings(interview) == []
        assert "@example.org" not in interview.transcript
    assert Excerpt.objects.count() == 216
    for excerpt in Excerpt.objects.select_related("interview"):
        assert excerpt.quote == excerpt.interview.transcript[excerpt.start : excerpt.end]
    assert interviews_demo_load() == 0


def test_the_command_loads_the_materials():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_interview_materials", stdout=out)
    assert out.getvalue().strip() == "Interview materials: 2 question guides added, 95 themes added"

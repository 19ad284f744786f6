"""The consent gates: no interview without consent, no approval while the anonymiser
still finds something, no excerpt from an unapproved transcript."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from interviews.coding.services import excerpt_create
from interviews.models import AnonymisationStatus, Excerpt, Interview, RedactionLogEntry, StaffName
from interviews.recording.services import interview_create
from interviews.tests.factories import make_guide, make_interview, make_participant, make_theme
from interviews.transcripts.services import (
    interview_approve,
    interview_mark_read_through,
    transcript_anonymise,
)

pytestmark = pytest.mark.django_db


def record(participant, user, transcript="Hello."):
    return interview_create(
        participant=participant,
        by=user,
        held_on=datetime.date(2020, 3, 1),
        mode="video",
        guide=make_guide(),
        transcript=transcript,
    )


def test_it_refuses_an_interview_without_consent(interviewer):
    participant = make_participant(consent=False)
    with pytest.raises(ValidationError, match="has not consented to be interviewed"):
        record(participant, interviewer)
    assert Interview.objects.count() == 0


def test_it_refuses_an_interview_when_only_shadowing_was_agreed(interviewer):
    participant = make_participant()
    participant.consent.happy_to_be_interviewed = False
    participant.consent.save()
    participant.refresh_from_db()
    with pytest.raises(ValidationError):
        record(participant, interviewer)


def test_the_model_form_check_refuses_it_too():
    participant = make_participant(consent=False)
    interview = Interview(participant=participant, held_on=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="not consented"):
        interview.clean()


def test_it_records_an_interview_with_consent_and_one_newline_convention(interviewer):
    interview = record(make_participant(), interviewer, transcript="One.\r\nTwo.\rThree.")
    assert interview.transcript == "One.\nTwo.\nThree."
    assert interview.status == AnonymisationStatus.DRAFT
    assert interview.interviewer == interviewer


def read_through(interview):
    """As if the anonymiser had run, and a person read it through, before what the
    anonymiser would now find was known (marking it now is refused: its words are flagged)."""
    interview.status = AnonymisationStatus.READ_THROUGH
    interview.save()
    return interview


def test_it_refuses_approval_while_the_anonymiser_finds_something(interviewer):
    interview = read_through(
        record(make_participant(name="Jane Smith"), interviewer, "I'm Jane, 07700 900123.")
    )
    with pytest.raises(ValidationError, match=r"still finds 2 item\(s\) \(name, phone\)"):
        interview_approve(interview=interview, by=interviewer)
    interview.refresh_from_db()
    assert interview.status == AnonymisationStatus.READ_THROUGH


def test_staff_names_block_approval_too(interviewer):
    StaffName.objects.create(name="Claire Dawson")
    interview = read_through(record(make_participant(), interviewer, "Claire's group is good."))
    with pytest.raises(ValidationError, match="name"):
        interview_approve(interview=interview, by=interviewer)


def test_anonymise_then_approve(interviewer):
    interview = record(make_participant(name="Jane Smith"), interviewer, "I'm Jane, 07700 900123.")
    assert transcript_anonymise(interview=interview, by=interviewer) == 2
    assert interview.transcript == "I'm [NAME 1], [PHONE]."
    assert list(RedactionLogEntry.objects.values_list("kind", "original")) == [
        ("name", "Jane"),
        ("phone", "07700 900123"),
    ]
    interview_mark_read_through(interview=interview, by=interviewer)
    interview_approve(interview=interview, by=interviewer)
    interview.refresh_from_db()
    assert interview.status == AnonymisationStatus.APPROVED
    assert interview.approved_by == interviewer


def test_a_draft_cannot_be_approved_without_being_read_through(interviewer):
    interview = record(make_participant(), interviewer)
    with pytest.raises(
        ValidationError, match="must mark the anonymised transcript as read through"
    ):
        interview_approve(interview=interview, by=interviewer)


def test_an_approved_transcript_cannot_be_anonymised_again(interviewer):
    interview = make_interview()
    with pytest.raises(ValidationError, match="approved"):
        transcript_anonymise(interview=interview, by=interviewer)


def test_no_excerpt_from_an_unapproved_transcript(interviewer):
    interview = make_interview(approved=False)
    with pytest.raises(ValidationError, match="Only an approved transcript"):
        excerpt_create(interview=interview, start=0, end=5, themes=[make_theme()], by=interviewer)
    assert Excerpt.objects.count() == 0

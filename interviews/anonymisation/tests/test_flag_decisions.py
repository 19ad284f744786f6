"""Other people's names: every known name is redacted everywhere, everything else that
could be a name is flagged, approval waits for a decision on each, and a withdrawal
takes the name out of everyone else's transcripts and excerpts."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from activities.models import Organisation
from interviews.anonymisation.flag_decisions import (
    excerpt_has_open_flags,
    excerpts_with_open_flags,
    flag_resolve,
    transcript_open_flags,
)
from interviews.anonymisation.flags import find_flags
from interviews.coding.services import excerpt_create
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import AnonymisationStatus, RedactionLogEntry, SafeWord, StaffName
from interviews.recording.services import interview_create
from interviews.tests.factories import make_guide, make_interview, make_participant, make_theme
from interviews.transcripts.services import (
    interview_approve,
    interview_mark_read_through,
    transcript_anonymise,
)

pytestmark = pytest.mark.django_db

B_SAYS = (
    "Interviewer: Who do you work with?\n"
    "Participant: I work alongside Zebedee Quuxington at the drop-in. Zebedee had a "
    "breakdown last year.\n"
)


def record(participant, user, transcript):
    return interview_create(
        participant=participant,
        by=user,
        held_on=datetime.date(2020, 3, 1),
        mode="video",
        guide=make_guide(),
        transcript=transcript,
    )


def words(flags):
    return [f.word for f in flags]


def test_another_participants_name_is_redacted_from_a_transcript(interviewer):
    make_participant(code="LDS-01", name="Zebedee Quuxington")
    b = record(make_participant(code="LDS-02", name="Jane Smith"), interviewer, B_SAYS)
    transcript_anonymise(interview=b, by=interviewer)
    assert "Zebedee" not in b.transcript and "Quuxington" not in b.transcript
    assert "I work alongside [NAME 1] at the drop-in. [NAME 1] had a breakdown" in b.transcript
    assert transcript_open_flags(b) == []
    interview_mark_read_through(interview=b, by=interviewer)
    interview_approve(interview=b, by=interviewer)
    assert b.status == AnonymisationStatus.APPROVED


def test_a_staff_members_name_is_redacted_from_every_transcript(interviewer):
    StaffName.objects.create(name="Claire Dawson")
    interview = record(make_participant(), interviewer, "Ask Claire Dawson, she knows.")
    transcript_anonymise(interview=interview, by=interviewer)
    assert interview.transcript == "Ask [NAME 1], she knows."


def test_an_unknown_name_is_flagged_and_blocks_approval_until_resolved(interviewer):
    interview = record(make_participant(name="Jane Smith"), interviewer, B_SAYS)
    transcript_anonymise(interview=interview, by=interviewer)
    assert "Zebedee Quuxington" in interview.transcript  # nobody the system knows
    flags = transcript_open_flags(interview)
    # The full name is one flag (one decision, one tag); the first name alone another.
    assert [(f.word, f.count, f.kind) for f in flags] == [
        ("Zebedee Quuxington", 1, "phrase"),
        ("Zebedee", 1, "word"),
    ]
    with pytest.raises(ValidationError, match=r"2 flagged word\(s\) or number\(s\)") as error:
        interview_mark_read_through(interview=interview, by=interviewer)
    assert "Zebedee" not in str(error.value)  # the message names no one
    assert (
        flag_resolve(
            interview=interview,
            word="zebedee quuxington",  # a decision goes by the flag in any case
            decision="redact",
            tag="[NAME]",
            by=interviewer,
        )
        == 1
    )
    with pytest.raises(ValidationError, match="1 flagged"):
        interview_mark_read_through(interview=interview, by=interviewer)
    flag_resolve(
        interview=interview, word="Zebedee", decision="redact", tag="[NAME]", by=interviewer
    )
    interview.refresh_from_db()
    assert "alongside [NAME] at the drop-in. [NAME] had a breakdown" in interview.transcript
    interview_mark_read_through(interview=interview, by=interviewer)
    interview_approve(interview=interview, by=interviewer)
    interview.refresh_from_db()
    assert interview.status == AnonymisationStatus.APPROVED
    logged = list(
        RedactionLogEntry.objects.filter(kind="flagged").values_list("original", "replacement")
    )
    assert logged == [("Zebedee Quuxington", "[NAME]"), ("Zebedee", "[NAME]")]


def test_keeping_a_flag_needs_a_reason_which_the_log_records(interviewer):
    interview = record(make_participant(), interviewer, "We meet at Hollybush every 2 weeks.")
    transcript_anonymise(interview=interview, by=interviewer)  # finds nothing
    assert words(transcript_open_flags(interview)) == ["Hollybush", "2"]
    with pytest.raises(ValidationError, match="Say why"):
        flag_resolve(interview=interview, word="Hollybush", decision="keep", by=interviewer)
    flag_resolve(
        interview=interview,
        word="Hollybush",
        decision="keep",
        reason="A public venue, not a person",
        by=interviewer,
    )
    flag_resolve(interview=interview, word="2", decision="keep", reason="A count", by=interviewer)
    assert transcript_open_flags(interview) == []
    kept = RedactionLogEntry.objects.get(kind="kept", original="Hollybush")
    assert (kept.reason, kept.by) == ("A public venue, not a person", interviewer)
    interview.refresh_from_db()
    assert interview.transcript == "We meet at Hollybush every 2 weeks."  # kept as it was
    interview_mark_read_through(interview=interview, by=interviewer)
    interview_approve(interview=interview, by=interviewer)


def test_a_flag_is_resolved_only_once_and_only_before_approval(interviewer):
    interview = record(make_participant(), interviewer, "Ask Barnaby.")
    with pytest.raises(ValidationError, match="not an open flag"):
        flag_resolve(interview=interview, word="Nobody", decision="keep", reason="x", by=None)
    with pytest.raises(ValidationError, match="one of"):
        flag_resolve(interview=interview, word="Barnaby", decision="redact", tag="<b>", by=None)
    with pytest.raises(ValidationError, match="redact the word or to keep"):
        flag_resolve(interview=interview, word="Barnaby", decision="shred", by=None)
    approved = make_interview(transcript="Ask Barnaby.")
    with pytest.raises(ValidationError, match="approved"):
        flag_resolve(interview=approved, word="Barnaby", decision="keep", reason="x", by=None)


def test_safe_words_places_and_tags_are_not_flagged_but_organisations_are():
    Organisation.objects.create(name="Sunrise Wellbeing Hub")
    SafeWord.objects.create(word="Recovery-Net")
    text = (
        "Interviewer: Where?\nParticipant: The Sunrise Wellbeing Hub in Calderdale, and "
        "Recovery-Net online. [NAME 1] told me, [PHONE]. I'm sure Tuesday works. Dinah came."
    )
    interview = make_interview(transcript=text, approved=False)
    flags = transcript_open_flags(interview)
    assert [(f.word, f.kind) for f in flags] == [
        ("Sunrise Wellbeing Hub", "organisation"),  # where someone works says who they are
        ("Dinah", "word"),
    ]
    assert words(find_flags(text)) == ["Sunrise Wellbeing Hub", "Recovery-Net", "Dinah"]


def test_possessives_and_numbers_are_one_flag_each():
    flags = find_flags("Dinah's group, Dinah and 12 people in 2019; 12.5 hours.")
    assert [(f.word, f.count, f.kind) for f in flags] == [
        ("Dinah", 2, "word"),
        ("12", 1, "number"),
        ("2019", 1, "number"),
        ("12.5", 1, "number"),
    ]


def test_an_excerpt_with_an_open_flag_is_not_fit_to_publish(interviewer):
    interview = make_interview(transcript="Dinah runs the group with me.")
    excerpt = excerpt_create(
        interview=interview, start=0, end=20, themes=[make_theme()], by=interviewer
    )
    assert excerpt_has_open_flags(excerpt)
    SafeWord.objects.create(word="Dinah", note="The group's name, not a person")
    assert not excerpt_has_open_flags(excerpt)
    make_participant(name="Dinah Fairweather")  # now a known name: the anonymiser's business
    assert excerpt_has_open_flags(excerpt)


def test_open_flags_of_many_excerpts_take_a_fixed_number_of_queries(
    interviewer, django_assert_num_queries
):
    excerpts = []
    for n in range(5):
        interview = make_interview(transcript=f"Dinah said {n} things; fine words here.")
        excerpts.append(
            excerpt_create(
                interview=interview, start=0, end=10, themes=[make_theme()], by=interviewer
            )
        )
        excerpts.append(
            excerpt_create(
                interview=interview, start=21, end=32, themes=[make_theme()], by=interviewer
            )
        )
    with django_assert_num_queries(6):  # names (2), safe words, directory (2), kept words
        flagged = excerpts_with_open_flags(excerpts)
    assert flagged == {e.pk for e in excerpts[::2]}


def test_withdrawal_takes_the_name_out_of_other_transcripts_and_excerpts(
    interviewer, client_for, analyst
):
    a = make_participant(code="LDS-01", name="Zebedee Quuxington")
    # B's transcript was approved before the anonymiser knew every participant's name.
    b = make_interview(
        make_participant(code="LDS-02", name="Jane Smith"),
        transcript=B_SAYS + "Interviewer: Thank you, that helps.\n",
    )
    theme = make_theme("Burnout")
    start = b.transcript.index("I work")
    end = b.transcript.index("last year.") + len("last year.")
    excerpt = excerpt_create(
        interview=b, start=start, end=end, themes=[theme], memo="Zebedee: ask later", by=None
    )
    thanks = b.transcript.index("Thank you")
    later = excerpt_create(
        interview=b, start=thanks, end=len(b.transcript) - 1, themes=[theme], by=None
    )
    RedactionLogEntry.objects.create(
        interview=b, kind="name", original="Zebedee", replacement="[NAME 2]", start=0, end=7
    )
    client = client_for(analyst)
    assert "Quuxington" in client.get(f"/interviews/themes/{theme.pk}/").content.decode()

    withdraw_participant(participant=a, by=interviewer)

    b.refresh_from_db()
    excerpt.refresh_from_db()
    later.refresh_from_db()
    assert "Zebedee" not in b.transcript and "Quuxington" not in b.transcript
    assert "I work alongside [NAME] at the drop-in. [NAME] had a breakdown" in b.transcript
    assert excerpt.quote == b.transcript[excerpt.start : excerpt.end]
    assert excerpt.quote.startswith("I work alongside [NAME]")
    assert excerpt.quote.endswith("last year.")
    assert later.quote == b.transcript[later.start : later.end] == "Thank you, that helps."
    assert excerpt.memo == "[NAME]: ask later"
    assert not RedactionLogEntry.objects.filter(original__icontains="Zebedee").exists()
    page = client.get(f"/interviews/themes/{theme.pk}/").content.decode()
    assert "Zebedee" not in page and "Quuxington" not in page
    book = load_workbook(io.BytesIO(client.get("/interviews/excerpts/export.xlsx").content))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert cells and not any("Zebedee" in c or "Quuxington" in c for c in cells)


def test_the_flagged_words_page_lists_flags_and_records_a_decision(
    client_for, interviewer, analyst
):
    interview = record(make_participant(), interviewer, "Dinah and Barnaby run it.")
    client = client_for(interviewer)
    page = client.get(f"/interviews/{interview.pk}/flags/").content.decode()
    assert '<h1 class="govuk-heading-l">Flagged words</h1>' in page
    assert "2 words or numbers waiting for a decision." in page
    assert "<strong>Dinah</strong> and Barnaby run it." in page
    response = client.post(
        f"/interviews/{interview.pk}/flags/",
        {"word": "Dinah", "decision": "keep", "reason": "", "tag": "[NAME]"},
    )
    assert response.status_code == 200
    assert "Say why the word can stay" in response.content.decode()
    response = client.post(
        f"/interviews/{interview.pk}/flags/",
        {"word": "Dinah", "decision": "redact", "tag": "[NAME]", "reason": ""},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.transcript == "[NAME] and Barnaby run it."
    page = client.get(f"/interviews/{interview.pk}/flags/").content.decode()
    assert "1 word or number waiting for a decision." in page
    assert client_for(analyst).get(f"/interviews/{interview.pk}/flags/").status_code == 403

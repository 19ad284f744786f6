"""Issue 29, finding 4: what is never flagged passed approval. Each case the finding names,
as a regression test: names in any case and in context, phrases decided once, spoken
contact details, directory organisations and streets, decisions in any case, a place
that is also a participant's surname, and no "read through" while flags are open."""

import pytest
from django.core.exceptions import ValidationError

from activities.models import Organisation
from interviews.anonymisation.anonymiser import redact
from interviews.anonymisation.flag_decisions import flag_resolve, transcript_open_flags
from interviews.anonymisation.flags import find_flags
from interviews.models import AnonymisationStatus, RedactionLogEntry
from interviews.tests.factories import make_interview, make_participant
from interviews.transcripts.services import interview_mark_read_through, transcript_anonymise


def flagged(text, **kwargs):
    return [f.word for f in find_flags(text, **kwargs)]


def test_lower_case_first_names_are_flagged_and_ordinary_words_are_not():
    assert flagged("so i said to siobhan, and dinah agreed, i will.") == ["siobhan", "dinah"]


@pytest.mark.parametrize(
    "text, word",
    [
        ("It was my colleague Will who rang.", "Will"),
        ("There's a woman called May who sits by the door.", "May"),
        ("My supervisor June Okafor sorted it.", "June Okafor"),
        ("I told April about the group.", "April"),
        ("My manager is Sarah English now.", "Sarah English"),
        ("Everyone calls me gaz down there.", "gaz"),
        ("[JANE LAUGHS] Well, she would.", "JANE"),
        ("[WILL LAUGHS] Fair enough.", "WILL"),
    ],
)
def test_names_that_are_ordinary_words_are_flagged_in_context(text, word):
    assert word in flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "In May we lost our funding; by June we had more.",
        "You will find a way, and it may take time.",
        "We speak English in the group.",
        "I grew up in Wakefield, off the M62, not far from the main road.",
        "To be frank, the gas bill worries people; I don't mind.",
    ],
)
def test_the_same_words_as_ordinary_words_are_not_flagged(text):
    assert flagged(text) == []


def test_a_month_name_once_a_name_is_flagged_where_it_is_not_a_month():
    flags = find_flags("A woman called May comes. May is seventy. In May we met.")
    assert [(f.word, f.count) for f in flags] == [("May", 2)]


def test_spoken_emails_and_numbers_and_odd_nhs_groupings_are_redacted():
    text = (
        "It's janesmith at hotmail dot co dot uk, or jane dot smith at nhs dot net. "
        "Ring oh seven seven double oh nine double oh one two three. NHS number "
        "9434 765 919, or nine four three four seven six five nine one nine. I'm in LS6."
    )
    assert redact(text).text == (
        "It's [EMAIL], or [EMAIL]. Ring [PHONE]. NHS number [NHS NUMBER], or "
        "[NHS NUMBER]. I'm in [POSTCODE]."
    )


def test_motorways_vitamins_and_counts_said_in_words_stay():
    text = "Off the M62, take B12, co2 levels; one or two of us, three times a week."
    assert redact(text).findings == []


def test_streets_and_a_multi_word_place_are_one_flag_each():
    text = "We meet at 12 chapel street, near Bradford Royal Infirmary, on Victoria Road."
    assert [(f.word, f.kind) for f in find_flags(text)] == [
        ("12 chapel street", "street"),
        ("Bradford Royal Infirmary", "phrase"),
        ("Victoria Road", "street"),
    ]


@pytest.mark.django_db
def test_directory_organisations_are_flagged_and_a_phrase_becomes_one_tag(interviewer):
    Organisation.objects.create(name="Calderdale Carers Network")
    interview = make_interview(
        transcript="I work at Bradford Royal Infirmary and the Calderdale Carers Network.",
        approved=False,
    )
    assert [(f.word, f.kind) for f in transcript_open_flags(interview)] == [
        ("Bradford Royal Infirmary", "phrase"),
        ("Calderdale Carers Network", "organisation"),
    ]
    flag_resolve(
        interview=interview,
        word="Bradford Royal Infirmary",
        decision="redact",
        tag="[PLACE]",
        by=interviewer,
    )
    flag_resolve(
        interview=interview,
        word="calderdale carers network",
        decision="redact",
        tag="[ORGANISATION]",
        by=interviewer,
    )
    interview.refresh_from_db()
    assert interview.transcript == "I work at [PLACE] and the [ORGANISATION]."
    assert RedactionLogEntry.objects.filter(interview=interview, kind="flagged").count() == 2


@pytest.mark.django_db
def test_a_decision_covers_the_word_in_every_case(interviewer):
    interview = make_interview(
        transcript="Dinah came. DINAH shouted. dinah left. Quarmby and QUARMBY stayed.",
        approved=False,
    )
    assert [(f.word, f.count) for f in transcript_open_flags(interview)] == [
        ("Dinah", 3),
        ("Quarmby", 2),
    ]
    flag_resolve(interview=interview, word="DINAH", decision="redact", tag="[NAME]", by=None)
    flag_resolve(
        interview=interview, word="quarmby", decision="keep", reason="A street name", by=None
    )
    interview.refresh_from_db()
    assert interview.transcript == (
        "[NAME] came. [NAME] shouted. [NAME] left. Quarmby and QUARMBY stayed."
    )
    assert transcript_open_flags(interview) == []  # kept in any case


@pytest.mark.django_db
def test_a_participant_surnamed_wakefield_leaves_the_town_alone(interviewer):
    make_participant(code="WKF-01", name="Tom Wakefield")
    participant = make_participant(code="WKF-02", name="Jane Smith")
    interview = make_interview(
        participant,
        transcript=(
            "Tom Wakefield runs it. Mr Wakefield is lovely. I live in Wakefield, and "
            "WAKEFIELD council fund us."
        ),
        approved=False,
    )
    interview.status = AnonymisationStatus.DRAFT
    interview.save()
    transcript_anonymise(interview=interview, by=interviewer)
    assert interview.transcript == (
        "[NAME 1] runs it. Mr [NAME 1] is lovely. I live in Wakefield, and "
        "WAKEFIELD council fund us."
    )
    assert transcript_open_flags(interview) == []


@pytest.mark.django_db
def test_a_participant_called_will_is_redacted_only_where_will_is_a_name(interviewer):
    participant = make_participant(code="LDS-31", name="Will Thompson")
    interview = make_interview(
        participant, transcript="I will say it: ask Will, he will know.", approved=False
    )
    interview.status = AnonymisationStatus.DRAFT
    interview.save()
    transcript_anonymise(interview=interview, by=interviewer)
    assert interview.transcript == "I will say it: ask [NAME 1], he will know."


@pytest.mark.django_db
def test_read_through_is_refused_while_flags_are_open(client_for, interviewer):
    interview = make_interview(transcript="We asked Dinah about it.", approved=False)
    interview.status = AnonymisationStatus.ANONYMISED
    interview.save()
    with pytest.raises(ValidationError, match=r"1 flagged word\(s\)"):
        interview_mark_read_through(interview=interview, by=interviewer)
    client = client_for(interviewer)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Mark as read through" in page and "Mark as checked" not in page
    button = page[page.index('id="step-read_through"') :]
    button = button[: button.index("</button>")]
    assert "disabled" in button
    assert "Not yet: 1 flagged word(s) or number(s)" in page
    client.post(f"/interviews/{interview.pk}/read-through/")
    interview.refresh_from_db()
    assert interview.status == AnonymisationStatus.ANONYMISED
    flag_resolve(interview=interview, word="Dinah", decision="redact", tag="[NAME]", by=None)
    client.post(f"/interviews/{interview.pk}/read-through/")
    interview.refresh_from_db()
    assert interview.status == AnonymisationStatus.READ_THROUGH
    assert interview.get_status_display() == "Read through"


@pytest.mark.django_db
def test_the_old_check_path_answers_a_post_with_a_308_to_the_new_one(client_for, interviewer):
    interview = make_interview(transcript="Nothing to flag here.", approved=False)
    interview.status = AnonymisationStatus.ANONYMISED
    interview.save()
    client = client_for(interviewer)
    response = client.post(f"/interviews/{interview.pk}/check/")
    assert response.status_code == 308
    assert response["Location"] == f"/interviews/{interview.pk}/read-through/"
    assert client.get(f"/interviews/{interview.pk}/check/").status_code == 405
    client.post(f"/interviews/{interview.pk}/check/", follow=True)  # the POST is repeated
    interview.refresh_from_db()
    assert interview.status == AnonymisationStatus.READ_THROUGH

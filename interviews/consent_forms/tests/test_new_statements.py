"""A later consent form version may ask statements of a new kind (beyond the study's twelve):
the version validates them by name, the consent step asks them in the version's groups and
order and saves their answers, and everywhere a consent is shown or leaves the app (its
page, its PDF, the subject access file) holds them in their words; withdrawal erases them
with the consent; a version used is frozen; they gate nothing."""

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interviews.consent_forms.admin import statements_help
from interviews.consent_forms.models import statements_problems
from interviews.consent_forms.statement_keys import CONSENT_RECORD_FIELDS
from interviews.consent_forms.statements_text import statements_as_text
from interviews.consent_forms.tests.second_version import (
    FUTURE,
    STATEMENTS,
    VIDEO,
    round_two_participant,
    signed_on_version_two,
    version_two,
)
from interviews.consent_forms.views import signed_consent_html
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import Consent, ConsentFormVersion
from interviews.personal_data.subject_access import subject_access_export
from interviews.recording.choices import CONSENT_ANSWERS
from interviews.tests.factories import make_participant

pytestmark = pytest.mark.django_db

ADMIN = "/admin/interviews/consentformversion/"


def with_statement(key, text="Some words", heading="Later"):
    return [
        {
            "heading": "Please tick",
            "statements": [{"key": "happy_to_be_interviewed", "text": "I agree to an interview"}],
        },
        {"heading": heading, "statements": [{"key": key, "text": text}]},
    ]


# The version -------------------------------------------------------------------------


def test_a_version_with_new_statements_validates():
    form = version_two()
    form.full_clean()  # nothing raised
    assert form.new_statement_keys() == ["video_recorded", "future_contact"]
    assert statements_problems(STATEMENTS) == []


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("Video Recorded", "“Video Recorded” is not a name a statement can have"),
        ("2nd_interview", "“2nd_interview” is not a name a statement can have"),
        ("video-recorded", "“video-recorded” is not a name a statement can have"),
        ("v" * 41, "at most 40 characters"),
        ("", "“” is not a name a statement can have"),
        ("software_transcription", "“software_transcription” is the name of another part"),
        ("signed_on", "“signed_on” is the name of another part of the consent record"),
        ("other_answers", "“other_answers” is the name of another part"),
    ],
)
def test_a_bad_name_is_refused_naming_its_group_and_itself(key, message):
    problems = statements_problems(with_statement(key, heading="Video"))
    assert len(problems) == 1
    assert problems[0].startswith("Group 2 (“Video”): ")
    assert message in problems[0]


def test_a_name_twice_or_without_words_is_refused_by_group():
    twice = with_statement("happy_to_be_interviewed", text="Again")
    assert statements_problems(twice) == [
        "Group 2 (“Later”): “happy_to_be_interviewed” is used twice; each statement once."
    ]
    assert statements_problems(with_statement("video_recorded", text="  ")) == [
        "Group 2 (“Later”): the statement “video_recorded” has no words."
    ]
    new_twice = with_statement("video_recorded")
    new_twice[0]["statements"].append({"key": "video_recorded", "text": "Filmed"})
    assert statements_problems(new_twice) == [
        "Group 2 (“Later”): “video_recorded” is used twice; each statement once."
    ]


def test_a_model_with_a_bad_name_does_not_save():
    form = version_two(with_statement("Video!"))
    with pytest.raises(ValidationError, match="“Video!” is not a name a statement can have"):
        form.full_clean()


def test_no_new_name_can_be_a_field_of_the_consent():
    fields = {f.name for f in Consent._meta.concrete_fields}
    assert fields == {*CONSENT_ANSWERS, *CONSENT_RECORD_FIELDS}


def test_the_admin_adds_a_new_statement_and_says_what_it_may_be(client_for, interviewer):
    form = version_two(with_statement("video_recorded", VIDEO))
    client = client_for(interviewer)
    page = client.get(f"{ADMIN}{form.pk}/change/").content.decode()
    assert "A statement of a new kind" in page and "gates nothing" in page
    assert "<li>happy_to_be_interviewed ticked: an interview can be recorded</li>" in page
    assert "<li>contributions_in_report and details_anonymised ticked: a quote" in page
    assert str(statements_help()) in page

    data = {
        "version": 2,
        "title": form.title,
        "information_sheet": form.information_sheet,
        "withdraw_until": "2026-06-30",
        "kept_until": "2027-01-31",
    }
    bad = statements_as_text(form.statements) + "\nVideo Recorded: I agree to be filmed"
    response = client.post(f"{ADMIN}{form.pk}/change/", data | {"statements": bad})
    assert response.status_code == 200
    assert "Group 2 (“Later”): “Video Recorded” is not a name a statement can have" in (
        response.content.decode()
    )

    good = statements_as_text(form.statements) + f"\nfuture_contact: {FUTURE}"
    response = client.post(f"{ADMIN}{form.pk}/change/", data | {"statements": good})
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.statements[1]["statements"] == [
        {"key": "video_recorded", "text": VIDEO},
        {"key": "future_contact", "text": FUTURE},
    ]


def test_a_version_used_is_frozen_with_its_new_statements(client_for, interviewer):
    participant = round_two_participant()
    signed_on_version_two(participant)
    form = participant.round.consent_form
    form.statements[0]["statements"][1]["text"] = "I agree to be filmed"
    with pytest.raises(ValidationError, match="has been signed, so it cannot be changed"):
        form.full_clean()
    client = client_for(interviewer)
    page = client.get(f"{ADMIN}{form.pk}/change/").content.decode()
    assert f"<li>{VIDEO}</li>" in page and 'name="statements"' not in page
    client.post(f"{ADMIN}{form.pk}/copy/")
    copy = ConsentFormVersion.objects.get(version=3)
    assert copy.new_statement_keys() == ["video_recorded", "future_contact"]


# The consent step ----------------------------------------------------------------------


def test_the_consent_step_asks_new_statements_in_the_versions_order_and_saves_them(
    client_for, interviewer
):
    participant = round_two_participant()
    client = client_for(interviewer)
    url = f"/interviews/participants/{participant.pk}/consent/"
    page = client.get(url).content.decode()
    order = ["Round two", "second-round interview", VIDEO, "After the project", FUTURE, "June"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert 'name="video_recorded"' in page and 'name="future_contact"' in page
    assert page.count('type="checkbox"') == 5  # four statements and the software tick

    response = client.post(
        url, {"happy_to_be_interviewed": "on", "video_recorded": "on", "signed_on": "2025-10-01"}
    )
    assert response["Location"] == f"/interviews/participants/{participant.pk}/interview/"
    consent = Consent.objects.get(participant=participant)
    assert consent.other_answers == {"video_recorded": True, "future_contact": False}
    assert consent.statement_groups()[1] == (
        "After the project",
        [
            ("future_contact", FUTURE, False),
            ("may_withdraw", "I can withdraw until June 2026", False),
        ],
    )

    page = client.get(url).content.decode()  # shown again as saved
    assert 'name="video_recorded" id="id_video_recorded" checked' in page
    assert 'name="future_contact" id="id_future_contact">' in page
    client.post(
        url, {"happy_to_be_interviewed": "on", "future_contact": "on", "signed_on": "2025-10-01"}
    )
    consent.refresh_from_db()
    assert consent.other_answers == {"video_recorded": False, "future_contact": True}


def test_new_statements_gate_nothing(client_for, interviewer):
    """Unticked, a new statement stops no interview: only the study's twelve gate."""
    participant = round_two_participant()
    signed_on_version_two(participant, video=False, future=False)
    response = client_for(interviewer).get(f"/interviews/participants/{participant.pk}/interview/")
    assert response.status_code == 200
    assert participant.has_interview_consent()


def test_new_statements_add_no_queries_to_the_consent_step(client_for, interviewer):
    plain = make_participant(consent=False)
    new = round_two_participant()
    client = client_for(interviewer)
    counts = []
    for participant in (plain, new):
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(f"/interviews/participants/{participant.pk}/consent/").status_code == 200
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_consent_holds_only_answers_its_version_asks():
    participant = round_two_participant()
    consent = signed_on_version_two(participant)
    consent.other_answers = {"video_recorded": "yes", "hair_colour": True}
    with pytest.raises(ValidationError) as refused:
        consent.full_clean()
    assert refused.value.message_dict["other_answers"] == [
        "Version 2 of the form does not ask “hair_colour”.",
        "The answer to “video_recorded” must be true or false, not 'yes'.",
    ]
    consent.other_answers = ["video_recorded"]
    with pytest.raises(ValidationError, match=r"as \{name: true or false\}"):
        consent.full_clean()


def test_the_admin_ticks_new_statements_for_the_version_signed(client_for, superuser):
    participant = round_two_participant()
    consent = signed_on_version_two(participant)
    client = client_for(superuser)
    url = f"/admin/interviews/consent/{consent.pk}/change/"
    page = client.get(url).content.decode()
    assert f"{VIDEO} (video_recorded; version 2)" in page
    data = {
        "participant": participant.pk,
        "form": consent.form_id,
        "happy_to_be_interviewed": "on",
        "signed_on": "2025-10-01",
        "other_answers": ["future_contact"],
    }
    assert client.post(url, data).status_code == 302
    consent.refresh_from_db()
    assert consent.other_answers == {"video_recorded": False, "future_contact": True}

    version_one = ConsentFormVersion.objects.get(version=1).pk
    response = client.post(url, data | {"form": version_one, "may_withdraw": ""})
    assert response.status_code == 200
    assert "Version 1 of the form does not ask “future_contact”." in response.content.decode()
    response = client.post(url, data | {"other_answers": ["no_such_statement"]})
    assert "Select a valid choice" in response.content.decode()


# Where a consent is shown or leaves ------------------------------------------------------


def test_the_signed_consent_page_printed_holds_new_statements():
    participant = round_two_participant(name="Ann Example")
    signed_on_version_two(participant, video=True, future=False)
    html = " ".join(signed_consent_html(participant).split())
    assert f'{VIDEO}</td><td class="consent-tick">☒ Yes' in html
    assert f'{FUTURE}</td><td class="consent-tick">☐ No' in html
    assert html.index("Round two") < html.index(VIDEO) < html.index("After the project")


def test_the_identity_and_consent_page_shows_new_statements(client_for, interviewer):
    participant = round_two_participant()
    signed_on_version_two(participant, video=True, future=False)
    page = client_for(interviewer).get(f"/interviews/participants/{participant.pk}/")
    content = " ".join(page.content.decode().split())
    assert (
        f'<dt class="govuk-summary-list__key">{VIDEO}</dt>'
        '<dd class="govuk-summary-list__value">Yes</dd>' in content.replace("> <", "><")
    )
    assert (
        f'<dt class="govuk-summary-list__key">{FUTURE}</dt>'
        '<dd class="govuk-summary-list__value">No</dd>' in content.replace("> <", "><")
    )


def test_the_subject_access_file_holds_new_statements(interviewer):
    participant = round_two_participant()
    signed_on_version_two(participant, video=True, future=False)
    data = json.loads(json.dumps(subject_access_export(participant=participant, by=interviewer)))
    consent = data["consent"]
    assert consent["other_answers"] == {"video_recorded": True, "future_contact": False}
    assert consent["statements_signed"] == [
        {
            "name": "happy_to_be_interviewed",
            "statement": "I agree to a second-round interview",
            "ticked": True,
        },
        {"name": "video_recorded", "statement": VIDEO, "ticked": True},
        {"name": "future_contact", "statement": FUTURE, "ticked": False},
        {"name": "may_withdraw", "statement": "I can withdraw until June 2026", "ticked": True},
    ]


@time_machine.travel(datetime.datetime(2025, 10, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_withdrawal_erases_the_answers_with_the_consent(interviewer):
    participant = round_two_participant()
    signed_on_version_two(participant)
    kept = round_two_participant_again(participant.round)
    withdraw_participant(participant=participant, by=interviewer)
    assert list(Consent.objects.values_list("participant__code", "other_answers")) == [
        (kept.code, {"video_recorded": False, "future_contact": True})
    ]
    assert ConsentFormVersion.objects.get(version=2).new_statement_keys() == [
        "video_recorded",
        "future_contact",
    ]  # the form's words are not anyone's data: they stay


def round_two_participant_again(research_round):
    other = make_participant(consent=False, research_round=research_round, name="Ann Other")
    signed_on_version_two(other, video=False, future=True)
    return other

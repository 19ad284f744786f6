"""Consent forms as versioned data: a version is frozen once a consent records it, the admin
says so and copies it to a new version; each consent records the version signed, and the
consent step asks that version's statements in its words."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from interviews.consent_forms.statements_text import statements_as_text
from interviews.models import Consent, ConsentFormVersion
from interviews.tests.factories import make_participant, make_round, study_round

pytestmark = pytest.mark.django_db

ADMIN = "/admin/interviews/consentformversion/"


def version_one():
    return ConsentFormVersion.objects.get(version=1)


def unused_version(**changes):
    form = version_one()
    values = {
        "title": form.title,
        "statements": form.statements,
        "information_sheet": "Round two's information sheet.",
        "withdraw_until": datetime.date(2026, 6, 30),
        "kept_until": datetime.date(2027, 1, 31),
    }
    return ConsentFormVersion.objects.create(version=2, **(values | changes))


def admin_post(form, **changes):
    data = {
        "version": form.version,
        "title": form.title,
        "statements": statements_as_text(form.statements),
        "information_sheet": form.information_sheet,
        "withdraw_until": form.withdraw_until.isoformat(),
        "kept_until": form.kept_until.isoformat(),
    }
    return data | changes


def test_a_signed_version_cannot_be_changed(interviewer):
    make_participant()  # signs version 1
    form = version_one()
    form.statements[0]["statements"][0]["text"] = "I have skimmed the sheet"
    with pytest.raises(ValidationError, match="has been signed, so it cannot be changed"):
        form.full_clean()
    form.refresh_from_db()
    form.information_sheet = "Shorter."
    with pytest.raises(ValidationError, match="Copy it to a new version"):
        form.full_clean()


def test_an_unsigned_version_can_be_changed():
    form = unused_version()
    form.information_sheet = "A clearer sheet."
    form.full_clean()  # nothing raised: nobody has signed it


def test_the_admin_shows_a_signed_version_read_only_and_offers_a_copy(client_for, interviewer):
    make_participant()
    form = version_one()
    client = client_for(interviewer)
    page = client.get(f"{ADMIN}{form.pk}/change/").content.decode()
    assert "This version has been signed, so it cannot be changed" in page
    assert "Copy to a new version" in page
    assert 'name="information_sheet"' not in page  # read-only: no field to type into
    assert "<li>I want to take part in the scoping project</li>" in page  # as read, not data
    assert "wants_to_take_part" not in page

    changed = admin_post(form, information_sheet="Rewritten after signing.")
    client.post(f"{ADMIN}{form.pk}/change/", changed)
    form.refresh_from_db()
    assert form.information_sheet.startswith("Project Information Sheet")

    response = client.post(f"{ADMIN}{form.pk}/copy/")
    copy = ConsentFormVersion.objects.get(version=2)
    assert response["Location"] == f"{ADMIN}{copy.pk}/change/"
    assert (copy.statements, copy.information_sheet) == (form.statements, form.information_sheet)
    page = client.get(f"{ADMIN}{copy.pk}/change/").content.decode()
    assert "cannot be changed" not in page and 'name="information_sheet"' in page


def test_the_admin_edits_an_unsigned_version_as_lines_and_says_which_line_is_wrong(
    client_for, interviewer
):
    form = unused_version()
    client = client_for(interviewer)
    text = (
        "## Please tick all that apply\n"
        "happy_to_be_interviewed: I am happy to be interviewed in the second round\n"
        "wants_to_take_part I want to take part\n"
    )
    response = client.post(f"{ADMIN}{form.pk}/change/", admin_post(form, statements=text))
    assert response.status_code == 200
    assert "Line 3: begin with the answer" in response.content.decode()

    text = text.replace("wants_to_take_part I", "wants_to_take_part: I")
    response = client.post(f"{ADMIN}{form.pk}/change/", admin_post(form, statements=text))
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.statements == [
        {
            "heading": "Please tick all that apply",
            "statements": [
                {
                    "key": "happy_to_be_interviewed",
                    "text": "I am happy to be interviewed in the second round",
                },
                {"key": "wants_to_take_part", "text": "I want to take part"},
            ],
        }
    ]


def test_a_version_must_ask_for_the_interview():
    form = unused_version(
        statements=[
            {
                "heading": "Tick",
                "statements": [{"key": "wants_to_take_part", "text": "I want to take part"}],
            }
        ]
    )
    with pytest.raises(ValidationError, match="no interview can be recorded"):
        form.full_clean()


def test_each_consent_records_the_version_its_round_uses(client_for, interviewer):
    """The consent step of a round on version 2 asks version 2's words and records it."""
    second = make_round(
        consent_form=unused_version(
            statements=[
                {
                    "heading": "Round two",
                    "statements": [
                        {
                            "key": "happy_to_be_interviewed",
                            "text": "I agree to a second-round interview",
                        },
                        {"key": "may_withdraw", "text": "I can withdraw until June 2026"},
                    ],
                }
            ]
        )
    )
    participant = make_participant(consent=False, research_round=second)
    client = client_for(interviewer)
    url = f"/interviews/participants/{participant.pk}/consent/"
    page = client.get(url).content.decode()
    assert "I agree to a second-round interview" in page and "until June 2026" in page
    assert "until June 2020" not in page  # the study's statement is not on version 2
    assert page.count('type="checkbox"') == 3  # its two statements and the software tick
    client.post(
        url, {"happy_to_be_interviewed": "on", "may_withdraw": "on", "signed_on": "2025-10-01"}
    )
    consent = Consent.objects.get(participant=participant)
    assert consent.form.version == 2
    assert consent.statement_groups() == [
        (
            "Round two",
            [
                ("happy_to_be_interviewed", "I agree to a second-round interview", True),
                ("may_withdraw", "I can withdraw until June 2026", True),
            ],
        )
    ]
    assert study_round().consent_form.version == 1  # the study's round keeps its form


def test_a_consent_cannot_tick_what_its_version_does_not_ask():
    form = unused_version(
        statements=[
            {
                "heading": "Tick",
                "statements": [
                    {"key": "happy_to_be_interviewed", "text": "I agree to an interview"}
                ],
            }
        ]
    )
    participant = make_participant(consent=False)
    consent = Consent(
        participant=participant,
        form=form,
        signed_on=datetime.date(2025, 10, 1),
        happy_to_be_interviewed=True,
        happy_to_be_shadowed=True,
    )
    with pytest.raises(ValidationError, match="Version 2 of the form does not ask this"):
        consent.full_clean()

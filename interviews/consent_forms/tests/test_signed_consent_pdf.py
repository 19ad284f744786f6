"""The signed consent form as a PDF: exactly what the participant agreed to (the statements
of the version signed, ticked or not, the date, who collected it), for the interview team
only, and logged like every view of an identity."""

import datetime
import io

import pytest
from pypdf import PdfReader

from interviews.consent_forms import views
from interviews.consent_forms.tests.second_version import (
    FUTURE,
    VIDEO,
    round_two_participant,
    signed_on_version_two,
)
from interviews.consent_forms.views import signed_consent_html
from interviews.models import AccessLogEntry, Consent
from interviews.tests.factories import make_participant
from scoping.accounts.roles import INTERVIEW_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(make_user):
    """Ann signed version 1, collected by Cara; she did not agree to be shadowed."""
    collector = make_user("cara", INTERVIEW_TEAM)
    collector.first_name, collector.last_name = "Cara", "Collector"
    collector.save()
    participant = make_participant(name="Ann Example", consent=False)
    Consent.objects.create(
        participant=participant,
        signed_on=datetime.date(2020, 1, 14),
        collected_by=collector,
        **dict.fromkeys(Consent.STATEMENTS, True) | {"happy_to_be_shadowed": False},
    )
    return participant


def words(text):
    return " ".join(text.split())


def test_the_page_printed_holds_exactly_what_was_agreed(signed):
    html = words(signed_consent_html(signed))
    assert "Participant Consent Form" in html and "Version 1 of the form" in html
    assert "Ann Example" in html and "14 January 2020" in html
    assert "Person collecting consent</dt><dd>Cara Collector" in html
    assert (
        "I am happy to participate in an interview about my role in peer support delivery"
        '</td><td class="consent-tick">☒ Yes' in html
    )
    assert (
        "I am happy to be shadowed in my role as a peer support worker / manager"
        '</td><td class="consent-tick">☐ No' in html
    )
    assert "at any time until June 2020" in html  # the words of the version signed
    assert "Project Information Sheet" in html  # and the sheet given with it


def test_the_interview_team_downloads_it_and_the_download_is_logged(
    signed, client_for, interviewer, monkeypatch
):
    printed = []
    monkeypatch.setattr(views, "pdf_bytes", lambda html: printed.append(html) or b"%PDF-1.4 x")
    response = client_for(interviewer).get(f"/interviews/participants/{signed.pk}/consent.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="consent-{signed.code}-version-1.pdf"' in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"]
    assert "Ann Example" in printed[0]
    entry = AccessLogEntry.objects.get(participant=signed)
    assert (entry.user, entry.event) == (interviewer, "consent_pdf")


@pytest.mark.parametrize("role", ["champion", "analyst", "commissioner"])
def test_nobody_else_may_download_it(signed, client_for, role, request):
    user = request.getfixturevalue(role)
    response = client_for(user).get(f"/interviews/participants/{signed.pk}/consent.pdf")
    assert response.status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_without_a_consent_there_is_nothing_to_download(client_for, interviewer):
    participant = make_participant(consent=False)
    response = client_for(interviewer).get(f"/interviews/participants/{participant.pk}/consent.pdf")
    assert response.status_code == 404


def test_without_chromium_the_page_says_why(signed, client_for, interviewer, monkeypatch):
    monkeypatch.setattr("scoping.shared.chromium_pdf.shutil.which", lambda name: None)
    response = client_for(interviewer).get(f"/interviews/participants/{signed.pk}/consent.pdf")
    assert response.status_code == 503
    assert "Chromium is not installed" in response.content.decode()


@pytest.mark.slow
def test_the_pdf_itself_reads_as_the_form_signed(signed, client_for, interviewer):
    """Chromium's PDF, read back as text (as CI and development have Chromium)."""
    response = client_for(interviewer).get(f"/interviews/participants/{signed.pk}/consent.pdf")
    assert response.status_code == 200, response.content[:300]
    text = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert "Participant Consent Form" in text and "Ann Example" in text
    assert "14 January 2020" in text and "Cara Collector" in text
    assert "I want to take part in the scoping project ☒ Yes" in text
    assert "worker / manager ☐ No" in text


@pytest.mark.slow
def test_the_pdf_holds_a_later_versions_new_statements(client_for, interviewer):
    """A statement of a new kind (beyond the study's twelve) is printed in its words, in its
    group, ticked or not, as the participant answered it."""
    participant = round_two_participant(name="Bea Example")
    signed_on_version_two(participant, video=True, future=False)
    response = client_for(interviewer).get(f"/interviews/participants/{participant.pk}/consent.pdf")
    assert response.status_code == 200, response.content[:300]
    assert 'filename="consent-' in response["Content-Disposition"]
    assert "-version-2.pdf" in response["Content-Disposition"]
    text = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert "Version 2 of the form" in text and "Bea Example" in text
    assert f"{VIDEO} ☒ Yes" in text
    assert f"{FUTURE} ☐ No" in text
    assert text.index("Round two") < text.index(VIDEO) < text.index("After the project")

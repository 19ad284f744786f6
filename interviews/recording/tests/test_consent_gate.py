"""The consent gate: consent predates the interview, cannot be taken back while
interviews rest on it (except by withdrawal), and an interview without it counts
nowhere and is flagged."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from interviews.coding.services import excerpt_create
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import Consent, Interview, ShadowingVisit, Theme
from interviews.recording.services import interview_create
from interviews.tests.factories import (
    make_guide,
    make_interview,
    make_participant,
    make_theme,
    round_dates,
    study_round,
)
from reports.interview_figures.panels import participant_counts, theme_counts

pytestmark = pytest.mark.django_db


def record(participant, by, held_on, **fields):
    return interview_create(
        participant=participant,
        by=by,
        held_on=held_on,
        mode="telephone",
        guide=make_guide(),
        transcript="Hello.",
        **fields,
    )


def consent_post(participant, **changes):
    consent = participant.consent
    data = {
        "participant": participant.pk,
        "signed_on": consent.signed_on.isoformat(),
        "form": consent.form_id,
        **{name: "on" for name in Consent.STATEMENTS if getattr(consent, name)},
    }
    if consent.software_transcription:
        data["software_transcription"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_interview_before_the_consent_was_signed_is_refused(interviewer):
    participant = make_participant()  # signed 10 January 2020
    with pytest.raises(ValidationError, match="signed their consent on 10 January 2020"):
        record(participant, interviewer, datetime.date(2020, 1, 1))
    assert not Interview.objects.exists()
    record(participant, interviewer, datetime.date(2020, 1, 10))  # the same day is fine


def test_the_admin_refuses_an_interview_held_before_consent(client_for, superuser):
    participant = make_participant()
    response = client_for(superuser).post(
        "/admin/interviews/interview/add/",
        {
            "participant": participant.pk,
            "held_on": "2020-01-01",
            "mode": "telephone",
            "guide": make_guide().pk,
            "transcript": "",
            "transcription_method": "manual",
        },
    )
    assert response.status_code == 200
    assert "the interview must be on or after that day" in response.content.decode()
    assert not Interview.objects.exists()


def test_software_transcription_needs_its_own_tick(interviewer):
    participant = make_participant()
    with pytest.raises(ValidationError, match="has not agreed to transcription by software"):
        record(participant, interviewer, datetime.date(2020, 2, 1), transcription_method="software")
    Consent.objects.filter(participant=participant).update(software_transcription=True)
    participant.refresh_from_db()
    interview = record(
        participant, interviewer, datetime.date(2020, 2, 1), transcription_method="software"
    )
    assert interview.transcription_method == "software"


def test_consent_cannot_be_unticked_in_the_admin_while_an_interview_rests_on_it(
    client_for, superuser
):
    participant = make_participant()
    make_interview(participant)
    url = f"/admin/interviews/consent/{participant.consent.pk}/change/"
    response = client_for(superuser).post(
        url, consent_post(participant, happy_to_be_interviewed=None)
    )
    assert response.status_code == 200
    assert "can only be withdrawn through the withdrawal" in response.content.decode()
    participant.consent.refresh_from_db()
    assert participant.consent.happy_to_be_interviewed


def test_consent_cannot_be_moved_after_the_interview_in_the_admin(client_for, superuser):
    participant = make_participant()
    make_interview(participant, held_on=datetime.date(2020, 2, 1))
    url = f"/admin/interviews/consent/{participant.consent.pk}/change/"
    response = client_for(superuser).post(url, consent_post(participant, signed_on="2020-03-01"))
    assert "must be signed on or before the first interview (01 February 2020)" in (
        response.content.decode()
    )
    participant.consent.refresh_from_db()
    assert participant.consent.signed_on == datetime.date(2020, 1, 10)


def test_consent_with_interviews_cannot_be_deleted_in_the_admin(client_for, superuser):
    participant = make_participant()
    make_interview(participant)
    client = client_for(superuser)
    url = f"/admin/interviews/consent/{participant.consent.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Consent.objects.filter(participant=participant).exists()
    page = client.get("/admin/interviews/consent/").content.decode()
    assert "delete_selected" not in page


def test_consent_without_interviews_can_be_deleted_in_the_admin(client_for, superuser):
    participant = make_participant()
    url = f"/admin/interviews/consent/{participant.consent.pk}/delete/"
    assert client_for(superuser).post(url, {"post": "yes"}).status_code == 302
    assert not Consent.objects.filter(participant=participant).exists()


def test_withdrawal_still_takes_consent_and_interviews_away(interviewer, settings):
    round_dates(withdrawal_deadline=datetime.date(2100, 1, 1))
    participant = make_participant()
    make_interview(participant)
    withdraw_participant(participant=participant, by=interviewer)
    assert not Consent.objects.exists() and not Interview.objects.exists()


def test_an_interview_whose_consent_went_missing_counts_nowhere_and_is_flagged(
    client_for, interviewer, analyst
):
    theme = make_theme("Burnout")
    kept = make_interview(make_participant(code="LDS-01"))
    lost = make_interview(make_participant(code="LDS-02"))
    for interview in (kept, lost):
        excerpt_create(interview=interview, start=0, end=5, themes=[theme], by=None)
    Consent.objects.filter(participant=lost.participant).delete()  # e.g. straight in the database

    assert list(Interview.objects.consented()) == [kept]
    assert list(Interview.objects.without_consent()) == [lost]
    team = client_for(interviewer)
    listing = team.get("/interviews/").content.decode()
    assert "1 interview without consent" in listing
    assert "LDS-02, interview of 1 Feb 2020" in listing
    assert f'href="/interviews/{lost.pk}/"' not in listing
    assert "1 interview without consent" in team.get("/interviews/participants/").content.decode()
    transcript = team.get(f"/interviews/{lost.pk}/").content.decode()
    assert "No consent for this interview" in transcript
    with pytest.raises(ValidationError, match="no consent"):
        excerpt_create(interview=lost, start=6, end=9, themes=[theme], by=None)

    counted = Theme.objects.for_codebook().get(pk=theme.pk)
    assert (counted.excerpt_count, counted.interview_count) == (1, 1)
    analyst_client = client_for(analyst)
    theme_page = analyst_client.get(f"/interviews/themes/{theme.pk}/").content.decode()
    assert "LDS-01" in theme_page and "LDS-02" not in theme_page
    assert sum(p["participants"] for p in participant_counts(study_round()).values()) == 1
    ((_, by_place),) = theme_counts(study_round()).values()
    assert sum(cell[0] for cell in by_place.values()) == 1


def test_a_shadowing_visit_needs_consent_to_be_shadowed_signed_beforehand():
    participant = make_participant()
    visit = ShadowingVisit(participant=participant, started_on=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="shadowing must start on or after"):
        visit.full_clean()
    Consent.objects.filter(participant=participant).update(happy_to_be_shadowed=False)
    participant.refresh_from_db()
    visit = ShadowingVisit(participant=participant, started_on=datetime.date(2020, 2, 1))
    with pytest.raises(ValidationError, match="has not consented to be shadowed"):
        visit.full_clean()


def test_a_shadowing_visit_is_recorded_in_the_admin_and_kept_its_consent(client_for, interviewer):
    participant = make_participant()
    client = client_for(interviewer)
    response = client.post(
        "/admin/interviews/shadowingvisit/add/",
        {"participant": participant.pk, "started_on": "2020-02-03", "days": "2", "notes": ""},
    )
    assert response.status_code == 302
    visit = ShadowingVisit.objects.get()
    assert (visit.days, visit.shadowed_by) == (2, interviewer)
    response = client.post(
        f"/admin/interviews/consent/{participant.consent.pk}/change/",
        consent_post(participant, happy_to_be_shadowed=None),
    )
    assert "Shadowing visits rest on this consent" in response.content.decode()
    page = client.get(f"/interviews/participants/{participant.pk}/progress/").content.decode()
    assert "Shadowed from 3 February 2020 for 2 days." in page

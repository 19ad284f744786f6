"""Quotes fit to publish: shown to report readers only while every condition holds,
with only the details at least three people interviewed share, gone on withdrawal."""

import datetime

import pytest
from django.test import Client

from activities.vocabulary.terms import Sector
from interviews.coding.services import excerpt_create
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import AnonymisationStatus, Consent, Excerpt, ParticipantRole
from interviews.publication.models import PublicationApproval
from interviews.tests.factories import make_interview, make_participant, make_theme

QUOTE = "Peer support means being alongside someone who has been there too."


def coded(participant=None, theme="Meaning of peer support", by=None):
    interview = make_interview(participant or make_participant())
    start = interview.transcript.index(QUOTE)
    return excerpt_create(
        interview=interview, start=start, end=start + len(QUOTE), themes=[make_theme(theme)], by=by
    )


def approve(client, excerpt):
    return client.post(f"/study/quotes/{excerpt.pk}/publish", follow=True)


def release():
    """The quotes page shows the quotes of the latest release of the interview figures."""
    from reports.interview_figures.release import interview_figures_release

    return interview_figures_release(note="test")


def quotes_page(client):
    response = client.get("/study/quotes/")
    assert response.status_code == 200
    return response.content.decode()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def team(interviewer):
    """The interview team's browser; report readers get their own (``signed_in``)."""
    return signed_in(interviewer)


def test_an_approved_quote_appears_to_commissioners_under_its_theme(
    team, interviewer, client_for, commissioner
):
    excerpt = coded(by=interviewer)
    assert "Approve for publication" in team.get("/study/quotes/approval/").content.decode()
    assert "is approved for publication" in approve(team, excerpt).content.decode()
    assert QUOTE not in quotes_page(signed_in(commissioner))  # not until it is released
    release()
    html = quotes_page(signed_in(commissioner))
    assert QUOTE in html and '<h2 class="govuk-heading-m">Meaning of peer support</h2>' in html


def test_unapproved_excerpts_are_not_shown(client_for, commissioner, interviewer):
    coded(by=interviewer)
    release()
    html = quotes_page(signed_in(commissioner))
    assert QUOTE not in html and 'id="no-quotes"' in html


@pytest.mark.parametrize("statement", ["contributions_in_report", "details_anonymised"])
def test_without_consent_to_appear_in_the_report_it_cannot_be_approved(
    team, interviewer, client_for, commissioner, statement
):
    excerpt = coded(by=interviewer)
    Consent.objects.filter(participant=excerpt.interview.participant).update(**{statement: False})
    html = approve(team, excerpt).content.decode()
    assert "was not approved" in html and "consent form does not agree" in html
    assert not PublicationApproval.objects.exists()
    assert QUOTE not in quotes_page(signed_in(commissioner))


def test_a_quote_comes_down_when_consent_or_the_transcript_approval_no_longer_holds(
    team, interviewer, client_for, commissioner
):
    excerpt = coded(by=interviewer)
    approve(team, excerpt)
    release()
    reader = signed_in(commissioner)
    assert QUOTE in quotes_page(reader)
    interview = excerpt.interview
    type(interview).objects.filter(pk=interview.pk).update(status=AnonymisationStatus.READ_THROUGH)
    assert QUOTE not in quotes_page(reader)
    approvals = team.get("/study/quotes/approval/").content.decode()
    assert "Approved, not shown" in approvals and "The transcript is not approved." in approvals
    type(interview).objects.filter(pk=interview.pk).update(status=AnonymisationStatus.APPROVED)
    assert QUOTE in quotes_page(reader)
    Consent.objects.filter(participant=interview.participant).update(contributions_in_report=False)
    assert QUOTE not in quotes_page(reader)


def test_a_quote_from_an_interview_its_consent_does_not_cover_is_not_shown(
    team, interviewer, commissioner
):
    excerpt = coded(by=interviewer)
    approve(team, excerpt)
    release()
    assert QUOTE in quotes_page(signed_in(commissioner))
    later = excerpt.interview.held_on + datetime.timedelta(days=1)
    Consent.objects.filter(participant=excerpt.interview.participant).update(signed_on=later)
    assert QUOTE not in quotes_page(signed_in(commissioner))
    approvals = team.get("/study/quotes/approval/").content.decode()
    assert "consent to be interviewed does not cover this interview" in approvals


def test_an_open_anonymisation_flag_stops_approval_and_publication(
    team, interviewer, client_for, commissioner, monkeypatch
):
    excerpt = coded(by=interviewer)
    approve(team, excerpt)
    release()
    assert QUOTE in quotes_page(signed_in(commissioner))
    # A name nobody has redacted or kept (interviews.anonymisation.flag_decisions) turns up in the quote.
    flagged = QUOTE + " Zebedee Quuxington said so."
    Excerpt.objects.filter(pk=excerpt.pk).update(quote=flagged)
    assert "Zebedee" not in quotes_page(signed_in(commissioner))
    PublicationApproval.objects.all().delete()
    assert "open anonymisation flag" in approve(team, excerpt).content.decode()
    assert not PublicationApproval.objects.exists()


def test_withdrawal_removes_the_quote_everywhere(team, interviewer, client_for, commissioner):
    excerpt = coded(by=interviewer)
    approve(team, excerpt)
    release()
    withdraw_participant(participant=excerpt.interview.participant, by=interviewer)
    assert not PublicationApproval.objects.exists()
    assert QUOTE not in quotes_page(signed_in(commissioner))
    assert QUOTE not in team.get("/study/quotes/approval/").content.decode()


def test_withdrawing_the_approval_takes_the_quote_down(team, interviewer, client_for, commissioner):
    excerpt = coded(by=interviewer)
    approve(team, excerpt)
    release()
    team.post(f"/study/quotes/{excerpt.pk}/unpublish")
    assert QUOTE not in quotes_page(signed_in(commissioner))


@pytest.mark.parametrize("role", ["analyst", "commissioner", "champion"])
def test_only_the_interview_team_approves(request, client_for, interviewer, role):
    excerpt = coded(by=interviewer)
    client = client_for(request.getfixturevalue(role))
    assert client.post(f"/study/quotes/{excerpt.pk}/publish").status_code == 403
    assert client.get("/study/quotes/approval/").status_code == 403
    assert not PublicationApproval.objects.exists()


def caption(html):
    start = html.index("<figcaption")
    return html[start : html.index("</figcaption>", start)]


def test_a_quote_shows_only_the_details_three_people_share(
    team, interviewer, client_for, commissioner
):
    for n in range(3):
        make_interview(make_participant(f"LDS-{n}", sector=Sector.NHS, role=ParticipantRole.WORKER))
    lone = make_participant(
        "HAR-1", place="harrogate-rural-district", sector=Sector.NHS, role=ParticipantRole.WORKER
    )
    excerpt = coded(lone, by=interviewer)
    approve(team, excerpt)
    release()
    shown = caption(quotes_page(signed_in(commissioner)))
    assert "Sector: NHS" in shown and "Role: Peer support worker or volunteer" in shown
    assert "Harrogate" not in shown and "Place" not in shown
    for n in range(2):
        make_interview(
            make_participant(
                f"HAR-{n + 2}",
                place="harrogate-rural-district",
                sector=Sector.NHS,
                role=ParticipantRole.WORKER,
            )
        )
    assert "Harrogate" not in caption(quotes_page(signed_in(commissioner)))  # until released
    release()
    assert "Place: Harrogate" in caption(quotes_page(signed_in(commissioner)))


def test_a_lone_sector_shows_no_details(team, interviewer, client_for, commissioner):
    excerpt = coded(make_participant("ONE-1", sector=Sector.NHS), by=interviewer)
    approve(team, excerpt)
    release()
    assert "Details not shown" in caption(quotes_page(signed_in(commissioner)))


# flag_decisions.excerpts_with_open_flags: known names (participants, identities, staff),
# safe words, the directory's names, the kept decisions; whatever the number of excerpts.
FLAG_QUERIES = 6


def test_the_quotes_page_runs_a_fixed_number_of_queries(
    team, interviewer, analyst, commissioner, django_assert_num_queries, request_overhead
):
    overhead = request_overhead(signed_in(analyst))  # measured where the view runs one query
    reader = signed_in(commissioner)
    for n in range(4):
        approve(team, coded(make_participant(f"Q-{n}"), by=interviewer))
    release()
    # the rounds with figures, the release, the latest withdrawal; to check the released
    # quotes may still be shown: the excerpts, their themes and the flags' fixed few
    with django_assert_num_queries(overhead + 5 + FLAG_QUERIES):
        assert quotes_page(reader).count("psd-quote") == 4


def test_the_quote_approval_list_runs_a_fixed_number_of_queries(
    team, interviewer, analyst, django_assert_num_queries, request_overhead
):
    overhead = request_overhead(signed_in(analyst))
    for n in range(3):
        approve(team, coded(make_participant(f"R-{n}"), by=interviewer))
    # the rounds, excerpts with consent and approval, and the anonymisation flags' fixed few
    with django_assert_num_queries(overhead + 2 + FLAG_QUERIES):
        html = team.get("/study/quotes/approval/").content.decode()
    assert html.count("Withdraw approval") == 3

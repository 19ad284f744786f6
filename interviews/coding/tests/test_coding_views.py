"""The coding screens: read a transcript, code a passage, edit and delete excerpts."""

import pytest

from interviews.models import AccessLogEntry, Excerpt
from interviews.tests.factories import make_interview, make_participant, make_theme

pytestmark = pytest.mark.django_db


def test_it_shows_the_transcript_and_logs_the_view(client_for, interviewer, coded):
    interview = coded["interview"]
    page = client_for(interviewer).get(f"/interviews/{interview.pk}/").content.decode()
    assert "I volunteer at the Sunrise Centre." in page
    assert '<mark class="psd-coded" data-excerpts="' in page
    assert "Save excerpt" in page
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.interview, entry.event) == (interviewer, interview, "transcript")


def test_the_transcript_is_rendered_character_for_character(client_for, interviewer):
    text = "Line one.\n\n  Indented <b>not bold</b> & 😀.\nEnd."
    interview = make_interview(transcript=text)
    page = client_for(interviewer).get(f"/interviews/{interview.pk}/").content.decode()
    body = page.split('aria-label="Transcript">')[1].split("</div>")[0]
    assert body == "Line one.\n\n  Indented &lt;b&gt;not bold&lt;/b&gt; &amp; 😀.\nEnd."


def test_coding_by_offsets(client_for, interviewer):
    interview = make_interview()
    theme, other = make_theme("Boundaries"), make_theme("Waiting lists")
    start = interview.transcript.index("Boundaries")
    response = client_for(interviewer).post(
        f"/interviews/{interview.pk}/",
        {"start": start, "end": start + 10, "themes": [theme.pk, other.pk], "memo": "m"},
        follow=True,
    )
    assert "Excerpt coded." in response.content.decode()
    excerpt = Excerpt.objects.get()
    assert excerpt.quote == "Boundaries" == interview.transcript[excerpt.start : excerpt.end]
    assert set(excerpt.themes.all()) == {theme, other}
    assert excerpt.coded_by == interviewer


def test_coding_by_a_pasted_quote_without_javascript(client_for, interviewer):
    interview = make_interview()
    theme = make_theme()
    client_for(interviewer).post(
        f"/interviews/{interview.pk}/",
        {"quote": "waiting lists are long.", "themes": [theme.pk]},
    )
    excerpt = Excerpt.objects.get()
    assert excerpt.quote == "waiting lists are long."
    assert interview.transcript[excerpt.start : excerpt.end] == excerpt.quote


@pytest.mark.parametrize(
    "data,message",
    [
        ({"start": 5}, "Give both the start and the end offset"),
        ({"start": 5, "end": 99999}, "within the transcript"),
        ({"quote": "not there"}, "not in the transcript"),
        ({}, "Enter the offsets or paste the passage"),
    ],
)
def test_bad_input_says_what_is_wrong(client_for, interviewer, data, message):
    interview = make_interview()
    response = client_for(interviewer).post(
        f"/interviews/{interview.pk}/", {**data, "themes": [make_theme().pk]}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Excerpt.objects.exists()


def test_an_unapproved_transcript_offers_no_coding_and_refuses_it(client_for, interviewer):
    interview = make_interview(approved=False)
    page = client_for(interviewer).get(f"/interviews/{interview.pk}/").content.decode()
    assert "cannot be coded" in page and "Save excerpt" not in page
    response = client_for(interviewer).post(
        f"/interviews/{interview.pk}/", {"start": 0, "end": 5, "themes": [make_theme().pk]}
    )
    assert "Only an approved transcript can be coded." in response.content.decode()
    assert not Excerpt.objects.exists()


def test_editing_and_deleting_an_excerpt(client_for, interviewer, coded):
    excerpt, interview = coded["excerpt"], coded["interview"]
    client = client_for(interviewer)
    form = client.get(f"/interviews/excerpts/{excerpt.pk}/edit/").content.decode()
    assert f'value="{excerpt.start}"' in form
    new_theme = make_theme("Waiting lists")
    start = interview.transcript.index("waiting")
    response = client.post(
        f"/interviews/excerpts/{excerpt.pk}/edit/",
        {"start": start, "end": start + 13, "themes": [new_theme.pk], "memo": "changed"},
    )
    assert response.status_code == 302
    excerpt.refresh_from_db()
    assert (excerpt.quote, excerpt.memo) == ("waiting lists", "changed")
    assert list(excerpt.themes.all()) == [new_theme]
    client.post(f"/interviews/excerpts/{excerpt.pk}/delete/")
    assert not Excerpt.objects.exists()


def test_the_identity_page_shows_consent_and_logs_the_view(client_for, interviewer, coded):
    participant = coded["participant"]
    page = client_for(interviewer).get(f"/interviews/participants/{participant.pk}/")
    content = page.content.decode()
    assert "Jane Smith" in content and "jane@example.org" in content
    assert (
        "I am happy to participate in an interview about my role in peer support delivery"
        in content
    )
    assert AccessLogEntry.objects.get().event == "identity"


def test_subject_access_downloads_json(client_for, interviewer, coded):
    participant = coded["participant"]
    response = client_for(interviewer).get(
        f"/interviews/participants/{participant.pk}/subject-access.json"
    )
    assert response["Content-Type"] == "application/json"
    assert f"subject-access-{participant.code}" in response["Content-Disposition"]
    assert response.json()["identity"]["name"] == "Jane Smith"


def test_the_interview_list_runs_a_fixed_number_of_queries(
    client_for, interviewer, django_assert_num_queries, request_overhead
):
    for _ in range(5):
        make_interview(make_participant())
    client = client_for(interviewer)
    overhead = request_overhead(client)  # session, user, permissions (own and groups')
    assert overhead >= 3
    with django_assert_num_queries(overhead + 3):  # the rounds, the interviews, unconsented
        page = client.get("/interviews/")
    assert page.content.decode().count("Telephone") == 5


def test_the_coding_page_runs_a_fixed_number_of_queries(
    client_for, interviewer, coded, django_assert_num_queries, request_overhead
):
    client = client_for(interviewer)
    overhead = request_overhead(client)
    # interview (with its two coders, if any), access log, excerpts, their themes, the
    # form's themes, your recent themes, the place's signposting, the team (to name two coders)
    with django_assert_num_queries(overhead + 8):
        client.get(f"/interviews/{coded['interview'].pk}/")

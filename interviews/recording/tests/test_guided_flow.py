"""The guided flow (participant → identity → consent → interview), the transcript
page's buttons, the theme picker, excerpt deletion and the grouped theme matrix."""

import datetime
import re

import pytest

from activities.models import Place
from interviews.coding.services import excerpt_create
from interviews.coding.theme_matrix import theme_matrices
from interviews.models import (
    AccessLogEntry,
    Consent,
    Excerpt,
    Interview,
    InterviewGuide,
    Participant,
    Signposting,
)
from interviews.reference.services import interview_reference_load
from interviews.tests.factories import make_interview, make_participant, make_theme
from interviews.transcripts import services as transcript_services
from interviews.transcripts.services import transcript_anonymise
from scoping.accounts.roles import INTERVIEW_TEAM

pytestmark = pytest.mark.django_db


def all_statements():
    return dict.fromkeys(Consent.STATEMENTS, "on")


def test_a_new_participant_is_led_step_by_step_to_their_interview(client_for, interviewer):
    interview_reference_load()
    guide = InterviewGuide.objects.get(slug="worker")  # the study's
    Signposting.objects.create(place=Place.objects.get(slug="leeds"), text="Samaritans 116 123")
    client = client_for(interviewer)

    page = client.get("/interviews/participants/new/").content.decode()
    assert "Step 1 of 4" in page and "Progress" in page
    response = client.post(
        "/interviews/participants/new/",
        {
            "code": "LDS-50",
            "place": Place.objects.get(slug="leeds").pk,
            "sector": "third_sector",
            "role": "worker",
        },
    )
    participant = Participant.objects.get(code="LDS-50")
    assert response["Location"] == f"/interviews/participants/{participant.pk}/identity/"
    assert participant.paid is False

    response = client.post(response["Location"], {"name": "Ada Lovelace", "contact": ""})
    assert participant.identity.name == "Ada Lovelace"
    assert response["Location"] == f"/interviews/participants/{participant.pk}/consent/"

    page = client.get(response["Location"]).content.decode()
    assert page.count('type="checkbox"') == 13  # twelve statements and the software tick
    assert 'Identity</strong>: <span class="psd-progress__state">done' in page
    response = client.post(response["Location"], {**all_statements(), "signed_on": "2020-03-01"})
    consent = Consent.objects.get(participant=participant)
    assert (consent.collected_by, consent.software_transcription) == (interviewer, False)
    assert response["Location"] == f"/interviews/participants/{participant.pk}/interview/"

    page = client.get(response["Location"]).content.decode()
    assert "I can pass on any question without having to give a reason" in page
    assert "Reflective space to open" in page and "Reflective space to close" in page
    assert "Samaritans 116 123" in page
    assert "How does your service fit in in the context of Leeds?" in page  # [place] filled in
    response = client.post(
        response["Location"],
        {
            "held_on": "2020-03-02",
            "mode": "video",
            "guide": guide.pk,
            "transcription_method": "manual",
            "transcript": "Interviewer: Hello Ada.",
        },
    )
    interview = Interview.objects.get(participant=participant)
    assert response["Location"] == f"/interviews/{interview.pk}/"
    assert (interview.interviewer, interview.guide) == (interviewer, guide)

    page = client.get(f"/interviews/participants/{participant.pk}/progress/").content.decode()
    assert 'Interview</strong>: <span class="psd-progress__state">done' in page
    assert 'Transcript anonymised</strong>: <span class="psd-progress__state">to do' in page


def test_choosing_another_guide_shows_its_questions_and_keeps_what_was_typed(
    client_for, interviewer
):
    """The questions beside the form follow the guide chosen in it: the button (or, with
    JavaScript, the choice itself) shows the page again with that guide's questions and
    what was typed, saving nothing and showing no errors for the fields not yet filled."""
    interview_reference_load()
    manager = InterviewGuide.objects.get(slug="manager")
    participant = make_participant()  # a worker: the workers' guide is offered first
    client = client_for(interviewer)
    url = f"/interviews/participants/{participant.pk}/interview/"
    page = client.get(url).content.decode()
    assert "Interview questions for peer support workers/volunteers" in page
    assert f'hx-post="{url}"' in page and 'hx-target="#interview-aids"' in page

    typed = {"held_on": "2020-03-02", "guide": manager.pk, "transcript": "Interviewer: Hello."}
    response = client.post(url, {**typed, "show_guide": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert not Interview.objects.filter(participant=participant).exists()
    questions = re.search(r'<ol[^>]*id="guide-questions">(.*?)</ol>', page, re.S).group(1)
    assert questions.count("<li>") == len(manager.questions) == 14
    summary = '<span class="govuk-details__summary-text">Interview questions for peer support'
    assert f"{summary} managers/co-ordinators (version" in page
    assert f"{summary} workers/volunteers (version" not in page
    assert f'<option value="{manager.pk}" selected>' in page
    assert 'value="2020-03-02"' in page and "Interviewer: Hello.</textarea>" in page
    assert "govuk-error-message" not in page and "There is a problem" not in page

    response = client.post(url, {**typed, "mode": "video", "transcription_method": "manual"})
    assert Interview.objects.get(participant=participant).guide == manager  # Save saves


def test_the_interview_step_refuses_a_date_before_consent_and_software_without_its_tick(
    client_for, interviewer
):
    participant = make_participant()
    guide = make_interview().guide
    url = f"/interviews/participants/{participant.pk}/interview/"
    page = (
        client_for(interviewer)
        .post(
            url,
            {
                "held_on": "2020-01-02",
                "mode": "video",
                "guide": guide.pk,
                "transcription_method": "manual",
            },
        )
        .content.decode()
    )
    assert "the interview must be on or after that day" in page
    page = (
        client_for(interviewer)
        .post(
            url,
            {
                "held_on": "2020-02-02",
                "mode": "video",
                "guide": guide.pk,
                "transcription_method": "software",
            },
        )
        .content.decode()
    )
    assert "has not agreed to transcription by software" in page
    assert not Interview.objects.filter(participant=participant).exists()


def test_interviewer_and_collected_by_offer_only_the_interview_team(
    client_for, interviewer, commissioner, analyst, make_user
):
    colleague = make_user("colleague", INTERVIEW_TEAM)
    participant = make_participant(consent=False)
    client = client_for(interviewer)
    consent_page = client.get(f"/interviews/participants/{participant.pk}/consent/")
    for page in (consent_page.content.decode(),):
        options = re.findall(r'<option value="(\d+)"', page)
        assert {int(o) for o in options} == {interviewer.pk, colleague.pk}
    assert commissioner.pk not in Consent._meta.get_field(
        "collected_by"
    ).related_model.objects.filter(
        **Consent._meta.get_field("collected_by").get_limit_choices_to()
    ).values_list("pk", flat=True)
    admin_page = client.get("/admin/interviews/interview/add/").content.decode()
    interviewer_select = admin_page.split('name="interviewer"')[1].split("</select>")[0]
    assert "commissioner" not in interviewer_select and "analyst" not in interviewer_select
    assert "colleague" in interviewer_select


def test_the_participant_list_shows_progress_and_the_anonymisation_state(client_for, interviewer):
    draft = make_interview(
        make_participant(code="LDS-01", name="Jane Smith"), "Jane said hi.", approved=False
    )
    make_participant(code="LDS-02", consent=False)
    transcript_anonymise(interview=draft, by=interviewer)
    client = client_for(interviewer)
    page = client.get("/interviews/participants/").content.decode()
    assert "Anonymised" in page and "Not recorded" in page and "Not interviewed" in page
    assert "Anonymised" in client.get("/interviews/").content.decode()


def test_the_participant_list_runs_a_fixed_number_of_queries(
    client_for, interviewer, django_assert_num_queries, request_overhead
):
    for _ in range(4):
        make_interview(make_participant())
    client = client_for(interviewer)
    overhead = request_overhead(client)
    with django_assert_num_queries(overhead + 4):  # rounds, participants, their interviews, flagged
        client.get("/interviews/participants/")


def test_the_transcript_buttons_explain_what_stops_them(client_for, interviewer):
    interview = make_interview(make_participant(name="Jane Smith"), "Jane said hi.", approved=False)
    client = client_for(interviewer)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Run the anonymiser" in page
    assert "Not yet: Run the anonymiser first" in page
    assert "Not yet: A person must mark the anonymised transcript as read through." in page
    assert "Not yet: The anonymiser still finds 1 item(s) (name)" in page

    response = client.post(f"/interviews/{interview.pk}/approve/", follow=True)
    assert (
        "A person must mark the anonymised transcript as read through." in response.content.decode()
    )
    interview.refresh_from_db()
    assert interview.status == "draft"

    client.post(f"/interviews/{interview.pk}/anonymise/")
    interview.refresh_from_db()
    assert (interview.status, interview.transcript) == ("anonymised", "[NAME 1] said hi.")
    client.post(f"/interviews/{interview.pk}/read-through/")
    page = client.post(f"/interviews/{interview.pk}/approve/", follow=True).content.decode()
    assert "The transcript is approved: it can be coded." in page
    interview.refresh_from_db()
    assert (interview.status, interview.approved_by) == ("approved", interviewer)


def test_the_transcript_buttons_are_for_the_team_only(client_for, analyst, commissioner):
    interview = make_interview(approved=False)
    for user in (analyst, commissioner):
        assert client_for(user).post(f"/interviews/{interview.pk}/anonymise/").status_code == 403
    interview.refresh_from_db()
    assert interview.status == "draft"


def test_the_approve_button_calls_the_one_approval_service(client_for, interviewer, monkeypatch):
    interview = make_interview(approved=False)
    interview.status = "checked"
    interview.save()
    monkeypatch.setattr(transcript_services, "approval_blockers", lambda interview: ["A new rule."])
    page = client_for(interviewer).post(f"/interviews/{interview.pk}/approve/", follow=True)
    assert "A new rule." in page.content.decode()
    interview.refresh_from_db()
    assert interview.status == "checked"


def test_deleting_an_excerpt_asks_first(client_for, interviewer, coded):
    excerpt = coded["excerpt"]
    client = client_for(interviewer)
    page = client.get(f"/interviews/excerpts/{excerpt.pk}/delete/").content.decode()
    assert "Delete this excerpt of" in page and "Yes, delete this excerpt" in page
    assert Excerpt.objects.filter(pk=excerpt.pk).exists()
    transcript = client.get(f"/interviews/{excerpt.interview_id}/").content.decode()
    assert f'href="/interviews/excerpts/{excerpt.pk}/delete/"' in transcript
    assert f'action="/interviews/excerpts/{excerpt.pk}/delete/"' not in transcript
    response = client.post(f"/interviews/excerpts/{excerpt.pk}/delete/")
    assert response["Location"] == f"/interviews/{excerpt.interview_id}/"
    assert not Excerpt.objects.filter(pk=excerpt.pk).exists()


def test_the_theme_picker_puts_your_recent_themes_first_with_a_search_box(client_for, interviewer):
    parent = make_theme("Values and principles of peer support")
    for name in ("Respect", "Safety", "Empathy"):
        make_theme(name, parent=parent)
    zebra = make_theme("Zebra crossing")
    interview = make_interview()
    excerpt_create(interview=interview, start=0, end=5, themes=[zebra], by=interviewer)
    page = client_for(interviewer).get(f"/interviews/{interview.pk}/").content.decode()
    assert 'id="theme-search"' in page and "Search the codebook" in page
    picker = page.split('id="theme-choices"')[1]
    groups = re.findall(
        r'<details class="psd-theme-group"( open)?[^>]*>\s*<summary[^>]*>([^<]+)<', picker
    )
    assert [(heading.strip(), bool(is_open)) for is_open, heading in groups] == [
        ("Recently used", True),  # open; the codebook's groups fold
        ("Values and principles of peer support", False),
    ]
    labels = re.findall(r'checkboxes__label" for="[^"]+">([^<]+)<', picker)
    assert labels[0] == "Zebra crossing"
    assert labels.count("Zebra crossing") == 1  # not again under the codebook
    assert labels[1:5] == ["Values and principles of peer support", "Empathy", "Respect", "Safety"]
    assert 'data-search="values and principles of peer support respect"' in picker


def test_the_matrix_groups_by_parent_folds_zero_rows_and_has_paid_or_volunteer(client_for, analyst):
    values = make_theme("Values")
    respect = make_theme("Respect", parent=values)
    safety = make_theme("Safety", parent=values)
    make_theme("Empathy", parent=values)
    make_theme("Burnout")
    paid = make_interview(make_participant(paid=True))
    unpaid = make_interview(make_participant(paid=False))
    excerpt_create(interview=paid, start=0, end=5, themes=[respect, safety], by=None)
    excerpt_create(interview=unpaid, start=0, end=5, themes=[respect], by=None)

    matrices = {m["key"]: m for m in theme_matrices()}
    assert list(matrices) == ["place", "sector", "role", "paid"]
    by_paid = matrices["paid"]
    assert by_paid["columns"] == ["Paid", "Volunteer"]
    (group,) = by_paid["shown"]  # Burnout has nothing coded
    # The parent counts each excerpt once though it carries two of its children.
    assert group.parent.label == "Values: all"
    assert group.parent.cells == [(1, 1), (1, 1)] and group.parent.total == (2, 2)
    assert [(r.label, r.cells) for r in group.shown_children] == [
        ("Respect", [(1, 1), (1, 1)]),
        ("Safety", [(1, 1), (0, 0)]),
    ]
    assert sorted(t.name for t in by_paid["zero_themes"]) == ["Burnout", "Empathy", "Values"]

    page = client_for(analyst).get("/interviews/themes/matrix/").content.decode()
    assert 'id="by-paid"' in page and "By paid or volunteer" in page
    table = page.split('id="by-paid"')[1].split("</table>")[0]
    assert ">Values: all</th>" in table and ">Respect</th>" in table
    assert ">Empathy</th>" not in table and ">Burnout</th>" not in table
    assert "3 themes with nothing coded" in page


def test_signposting_is_kept_per_place_and_edited_by_the_team(client_for, interviewer):
    leeds = Place.objects.get(slug="leeds")
    response = client_for(interviewer).post(
        "/admin/interviews/signposting/add/", {"place": leeds.pk, "text": "Leeds crisis line"}
    )
    assert response.status_code == 302
    interview = make_interview(make_participant(place="leeds"))
    page = client_for(interviewer).get(f"/interviews/{interview.pk}/").content.decode()
    assert "Leeds crisis line" in page
    assert "I will try to look after myself and my wellbeing during the interview" in page
    other = make_interview(make_participant(place="wakefield"))
    page = client_for(interviewer).get(f"/interviews/{other.pk}/").content.decode()
    assert "No signposting information is recorded for Wakefield yet" in page


def test_a_guide_used_by_an_interview_cannot_be_edited_only_versioned(client_for, superuser):
    interview = make_interview()
    page = (
        client_for(superuser)
        .get(f"/admin/interviews/interviewguide/{interview.guide.pk}/change/")
        .content.decode()
    )
    assert 'name="questions"' not in page
    assert InterviewGuide.objects.get(pk=interview.guide.pk).version == "1"
    assert str(interview.guide).endswith("(version 1)")


def test_the_identity_step_logs_that_an_identity_was_shown(client_for, interviewer):
    participant = make_participant(name="Jane Smith")
    page = client_for(interviewer).get(f"/interviews/participants/{participant.pk}/identity/")
    assert "Jane Smith" in page.content.decode()
    assert AccessLogEntry.objects.get().event == "identity"


def test_the_consent_step_cannot_take_back_consent_under_an_interview(client_for, interviewer):
    participant = make_participant()
    make_interview(participant, held_on=datetime.date(2020, 2, 1))
    response = client_for(interviewer).post(
        f"/interviews/participants/{participant.pk}/consent/",
        {**all_statements(), "happy_to_be_interviewed": "", "signed_on": "2020-01-10"},
    )
    assert "can only be withdrawn through the withdrawal" in response.content.decode()


@pytest.mark.parametrize("consent", ["none", "declined"])
def test_the_interview_step_sends_a_participant_without_interview_consent_to_consent(
    client_for, interviewer, consent
):
    """The progress panel links to the interview step for everyone; a participant who has
    not consented to an interview is sent to the consent step with the reason, and a POST
    is refused the same way, never a 500 (found in the browser: the model's consent error
    names ``participant``, which the interview form has no field for)."""
    participant = make_participant(consent=False)
    if consent == "declined":
        Consent.objects.create(participant=participant, signed_on=datetime.date(2020, 1, 1))
    guide = make_interview().guide
    client = client_for(interviewer)
    url = f"/interviews/participants/{participant.pk}/interview/"
    consent_url = f"/interviews/participants/{participant.pk}/consent/"

    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, consent_url)
    response = client.post(
        url,
        {"held_on": "2020-02-02", "mode": "video", "guide": guide.pk},
        follow=True,
    )
    assert response.redirect_chain == [(consent_url, 302)]
    page = response.content.decode()
    assert f"{participant.code} has not consented to be interviewed" in page
    assert not Interview.objects.filter(participant=participant).exists()


def test_the_long_organisation_list_works_as_a_plain_select_without_javascript(
    client_for, interviewer
):
    """The filter box is added by a static script; the page itself is a plain select,
    marked for it, that a form post without any script fills in."""
    from activities.models import Organisation

    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {n:03}", name_key=f"organisation{n:03}") for n in range(60)
    )
    client = client_for(interviewer)
    page = client.get("/interviews/participants/new/").content.decode()
    select = re.search(r'<select name="organisation"[^>]*>', page).group()
    assert "data-choice-filter" in select
    assert page.count('<option value="') >= 60
    assert '<script src="/static/js/choice_filter.js" defer></script>' in page
    assert "<script>" not in page  # no inline script (CSP)
    client.post(
        "/interviews/participants/new/",
        {
            "code": "LDS-51",
            "place": Place.objects.get(slug="leeds").pk,
            "sector": "third_sector",
            "role": "worker",
            "organisation": organisations[41].pk,
        },
    )
    assert Participant.objects.get(code="LDS-51").organisation == organisations[41]

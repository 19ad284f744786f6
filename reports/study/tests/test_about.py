"""About this study: what it was, reachable from the footer of every page."""

import re

import pytest

from activities.tests.factories import make_activity

PAGES = ["/", "/activities/", "/reports/", "/reports/leeds/", "/study/literature/", "/study/about/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_links_to_the_about_page_in_its_footer(client_for, analyst, url):
    html = client_for(analyst).get(url).content.decode()
    footer = html[html.index('<footer class="govuk-footer">') :]
    assert 'href="/study/about/"' in footer


def test_the_interview_pages_link_to_it_too(client_for, interviewer):
    html = client_for(interviewer).get("/interviews/").content.decode()
    assert 'href="/study/about/"' in html[html.index("<footer") :]


def test_the_about_page_says_what_the_study_was(client_for, commissioner):
    html = client_for(commissioner).get("/study/about/").content.decode()
    text = re.sub(r"\s+", " ", html)
    assert "Develop recommendations." in text
    assert "four “peer support champions”" in text
    assert "all activities had to contain a ‘peer to peer’ aspect (shared lived experience)" in text
    assert "should not be used for signposting purposes." in text
    assert "All face-to-face interviews were cancelled" in text
    assert "Inclusion Barnet 2018: 6" in text


def test_a_signed_in_user_without_a_role_may_read_it(client_for, nobody):
    assert client_for(nobody).get("/study/about/").status_code == 200


def test_the_activity_form_links_to_the_inclusion_rule(client_for, champion):
    activity = make_activity("About Walk")
    for url in [
        "/admin/activities/activity/add/",
        f"/admin/activities/activity/{activity.pk}/change/",
    ]:
        html = client_for(champion).get(url).content.decode()
        assert 'href="/study/about/#inclusion"' in html

import pytest

pytestmark = pytest.mark.django_db


def test_it_offers_a_champion_data_entry(client_for, champion):
    page = client_for(champion).get("/").content.decode()
    assert "Champions" in page
    assert "Add an activity you have found" in page
    assert "/admin/activities/activity/add/" in page
    assert "Import a master sheet" in page
    assert "/admin/activities/importrun/upload/" in page


def test_it_does_not_offer_an_analyst_data_entry(client_for, staff_analyst):
    page = client_for(staff_analyst).get("/").content.decode()
    assert "Analysts" in page
    assert "Add an activity" not in page
    assert "Import a master sheet" not in page
    assert "Browse scoped activities" in page


def test_it_tells_a_user_without_a_role_what_to_do(client_for, nobody):
    page = client_for(nobody).get("/").content.decode()
    assert "You have no role yet" in page


def test_it_offers_an_administrator_user_management(client_for, superuser):
    page = client_for(superuser).get("/").content.decode()
    assert "Administrator" in page
    assert "Manage users and roles" in page
    assert "Edit alternative spellings" in page


def test_the_page_has_no_inline_script_or_style(client_for, superuser):
    page = client_for(superuser).get("/").content.decode()
    assert "<script>" not in page and "style=" not in page
    assert 'src="/static/js/app.js"' in page


def test_it_offers_the_interview_team_every_interview_screen(client_for, interviewer):
    page = client_for(interviewer).get("/").content.decode()
    for url in (
        "/interviews/",
        "/interviews/participants/",
        "/interviews/participants/new/",
        "/interviews/themes/",
        "/interviews/themes/matrix/",
    ):
        assert f'href="{url}"' in page, url


def test_it_offers_a_commissioner_no_interview_screen(client_for, commissioner):
    page = client_for(commissioner).get("/").content.decode()
    assert "/interviews/" not in page and "/admin/" not in page
    assert 'href="/reports/"' in page and 'href="/activities/"' in page

"""Who may open which interview page: a role matrix, tested per role."""

import pytest

from interviews.models import AccessLogEntry

pytestmark = pytest.mark.django_db

# Transcripts, identities and coding: the Interview team only.
TEAM_ONLY = [
    ("get", "/interviews/"),
    ("get", "/interviews/{interview}/"),
    ("post", "/interviews/{interview}/"),
    ("get", "/interviews/excerpts/{excerpt}/edit/"),
    ("post", "/interviews/excerpts/{excerpt}/edit/"),
    ("post", "/interviews/excerpts/{excerpt}/delete/"),
    ("get", "/interviews/participants/{participant}/"),
    ("get", "/interviews/participants/{participant}/subject-access.json"),
    ("get", "/interviews/themes/merge/"),
    ("post", "/interviews/themes/merge/"),
    ("post", "/interviews/themes/import/"),
]
# Themes and coded excerpts: also Analysts.
THEMES = [
    ("get", "/interviews/themes/"),
    ("get", "/interviews/themes/{theme}/"),
    ("get", "/interviews/themes/matrix/"),
    ("get", "/interviews/themes/matrix.xlsx"),
    ("get", "/interviews/themes/export.csv"),
    ("get", "/interviews/excerpts/export.xlsx"),
]


def url(template, coded):
    return template.format(
        interview=coded["interview"].pk,
        excerpt=coded["excerpt"].pk,
        participant=coded["participant"].pk,
        theme=coded["theme"].pk,
    )


@pytest.mark.parametrize("role", ["commissioner", "champion"])
@pytest.mark.parametrize("method,template", TEAM_ONLY + THEMES)
def test_commissioners_and_champions_get_403_everywhere(
    request, client_for, coded, role, method, template
):
    client = client_for(request.getfixturevalue(role))
    response = getattr(client, method)(url(template, coded))
    assert response.status_code == 403, (role, method, template)
    assert "Jane Smith" not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("method,template", TEAM_ONLY)
def test_analysts_get_403_on_transcripts_identities_and_coding(
    client_for, analyst, coded, method, template
):
    response = getattr(client_for(analyst), method)(url(template, coded))
    assert response.status_code == 403, (method, template)
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("method,template", THEMES)
def test_analysts_read_themes_and_excerpts(client_for, analyst, coded, method, template):
    response = client_for(analyst).get(url(template, coded))
    assert response.status_code == 200, template


def test_the_analysts_theme_page_shows_quotes_and_attributes_but_no_identity(
    client_for, analyst, coded
):
    page = client_for(analyst).get(url("/interviews/themes/{theme}/", coded)).content.decode()
    assert "Boundaries, mostly." in page
    assert coded["participant"].code in page
    assert "Leeds" in page and "Third Sector" in page and "Peer support worker" in page
    assert "Jane Smith" not in page and "jane@example.org" not in page
    assert "Secret memo" not in page
    assert "Sunrise Centre" not in page  # the rest of the transcript stays hidden


@pytest.mark.parametrize(
    "method,template", TEAM_ONLY[:2] + TEAM_ONLY[3:4] + TEAM_ONLY[6:9] + THEMES
)
def test_the_interview_team_opens_every_page(client_for, interviewer, coded, method, template):
    response = client_for(interviewer).get(url(template, coded))
    assert response.status_code == 200, template


def test_the_nav_offers_interviews_to_those_who_may_see_them(
    client_for, interviewer, analyst, commissioner, champion
):
    assert 'href="/interviews/"' in client_for(interviewer).get("/").content.decode()
    assert 'href="/interviews/themes/"' in client_for(analyst).get("/").content.decode()
    for user in (commissioner, champion):
        assert "/interviews/" not in client_for(user).get("/").content.decode()


def test_the_migration_grants_interview_permissions_by_role():
    from django.contrib.auth.models import Group

    def perms(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__app_label="interviews")
            .values_list("codename", flat=True)
        )

    assert perms("Analysts") == {"view_theme", "view_excerpt"}
    assert perms("Commissioners") == set()
    assert perms("Champions") == set()
    team = perms("Interview team")
    assert {
        "view_interview",
        "view_participantidentity",
        "add_excerpt",
        "view_accesslogentry",
    } <= team
    assert "change_accesslogentry" not in team and "delete_accesslogentry" not in team


ADMIN_PAGES = [
    "/admin/interviews/participant/",
    "/admin/interviews/participantidentity/",
    "/admin/interviews/consent/",
    "/admin/interviews/interview/",
    "/admin/interviews/interview/{interview}/change/",
    "/admin/interviews/participantidentity/{identity}/change/",
    "/admin/interviews/accesslogentry/",
    "/admin/interviews/redactionlogentry/",
    "/admin/interviews/staffname/",
    "/admin/interviews/withdrawal/",
]


@pytest.mark.parametrize("role", ["champion", "staff_analyst"])
@pytest.mark.parametrize("template", ADMIN_PAGES)
def test_staff_of_other_roles_get_403_on_interview_admin_pages(
    request, client_for, coded, role, template
):
    page = template.format(
        interview=coded["interview"].pk, identity=coded["participant"].identity.pk
    )
    response = client_for(request.getfixturevalue(role)).get(page)
    assert response.status_code == 403, (role, page)
    assert not AccessLogEntry.objects.exists()

"""Who may import and export the places, aliases and organisations in the admin: the
pages each role gets, and an import refused however it is posted."""

import pytest
from django.contrib.auth.models import Group, Permission

from activities.models import Organisation
from activities.reference.tests.admin_tables import BASE, CSV, csv_file, preview
from scoping.accounts.roles import INTERVIEW_TEAM

pytestmark = pytest.mark.django_db


# -- permissions per role ---------------------------------------------------------

# What each role gets: (import page, export page) for each table; 302 = the admin's login.
EXPECTED = {
    "champion": {"place": (403, 200), "organisation": (200, 200), "alias": (403, 200)},
    "analyst": {"place": (302, 302), "organisation": (302, 302), "alias": (302, 302)},
    "interviewer": {"place": (403, 200), "organisation": (403, 200), "alias": (403, 403)},
    "commissioner": {"place": (302, 302), "organisation": (302, 302), "alias": (302, 302)},
    "superuser": {"place": (200, 200), "organisation": (200, 200), "alias": (200, 200)},
}


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_gets_the_pages_its_permissions_allow(client_for, request, role):
    client = client_for(request.getfixturevalue(role))
    for model, (import_status, export_status) in EXPECTED[role].items():
        assert client.get(f"{BASE}/{model}/import/").status_code == import_status, model
        assert client.get(f"{BASE}/{model}/export/").status_code == export_status, model
        posted = client.post(f"{BASE}/{model}/export/", {"format": CSV, "resource": "0"})
        assert posted.status_code == export_status, model
        if import_status == 200:
            changelist = client.get(f"{BASE}/{model}/").content.decode()
            assert f"{BASE}/{model}/import/" in changelist
        elif export_status == 200:
            changelist = client.get(f"{BASE}/{model}/").content.decode()
            assert f"{BASE}/{model}/import/" not in changelist
            assert f"{BASE}/{model}/export/" in changelist


def test_a_refused_user_cannot_import_by_posting(client_for, interviewer):
    client = client_for(interviewer)  # staff, but may not add or change organisations
    rows = [["name", "website", "notes"], ["Leeds Mind", "", ""]]
    assert preview(client, "organisation", csv_file(rows)).status_code == 403
    confirmation = {
        "import_file_name": "x",
        "original_file_name": "o.csv",
        "format": CSV,
        "resource": "0",
    }
    response = client.post(f"{BASE}/organisation/process_import/", confirmation)
    assert response.status_code == 403
    assert not Organisation.objects.exists()


def test_import_needs_add_as_well_as_change(client_for, django_user_model):
    user = django_user_model.objects.create_user("editor", is_staff=True)
    group = Group.objects.create(name="Editors only")
    group.permissions.add(Permission.objects.get(codename="change_organisation"))
    user.groups.add(group)
    client = client_for(user)
    assert client.get(f"{BASE}/organisation/export/").status_code == 200  # change counts as view
    assert client.get(f"{BASE}/organisation/import/").status_code == 403
    group.permissions.add(Permission.objects.get(codename="add_organisation"))
    user = django_user_model.objects.get(pk=user.pk)  # permissions are cached per object
    assert client_for(user).get(f"{BASE}/organisation/import/").status_code == 200


def test_the_role_groups_are_as_the_matrix_expects():
    interview_team = Group.objects.get(name=INTERVIEW_TEAM)
    assert not interview_team.permissions.filter(codename="view_alias").exists()

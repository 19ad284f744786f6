import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def perms(group):
    """The group's directory permissions (other apps grant theirs in their own migrations)."""
    permissions = Group.objects.get(name=group).permissions
    return set(
        permissions.filter(content_type__app_label="activities").values_list("codename", flat=True)
    )


VIEW = {"view_activity", "view_organisation", "view_place", "view_sharedexperience"}


def test_the_migration_creates_the_four_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Champions",
        "Analysts",
        "Interview team",
        "Commissioners",
    }


def test_champions_enter_activities_and_organisations():
    assert perms("Champions") == VIEW | {
        "add_activity",
        "change_activity",
        "add_organisation",
        "change_organisation",
        "view_alias",
        "view_submission",  # the public form's submissions, to review
        "change_submission",
    }


@pytest.mark.parametrize("role", ["Analysts", "Interview team", "Commissioners"])
def test_other_roles_read_the_directory_only(role):
    assert perms(role) >= VIEW
    assert not {p for p in perms(role) if p.endswith("_activity") and not p.startswith("view")}

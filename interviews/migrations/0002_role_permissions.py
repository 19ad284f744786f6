"""Grant the interview models' permissions to the roles.

The Interview team works with every interview model; Analysts may read the
codebook and coded excerpts only, never transcripts or identities;
Commissioners and Champions get nothing of the interviews.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TEAM_MODELS = [
    "participant",
    "participantidentity",
    "consent",
    "interview",
    "interviewguide",
    "theme",
    "excerpt",
    "staffname",
]
TEAM_PERMISSIONS = [
    f"{action}_{model}" for model in TEAM_MODELS for action in ("add", "change", "delete", "view")
] + ["view_accesslogentry", "view_redactionlogentry", "view_withdrawal"]
ROLE_PERMISSIONS = {
    "Interview team": TEAM_PERMISSIONS,
    "Analysts": ["view_theme", "view_excerpt"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("interviews")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="interviews", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="interviews")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0001_initial"),
        ("scoping", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]

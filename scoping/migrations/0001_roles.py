"""Create the four role groups with the model permissions each needs.

Frozen on purpose: later features add their permissions in migrations of
their own rather than editing this one.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_DIRECTORY = [
    ("activities", "view_activity"),
    ("activities", "view_organisation"),
    ("activities", "view_place"),
    ("activities", "view_sharedexperience"),
]
ROLE_PERMISSIONS = {
    "Champions": VIEW_DIRECTORY
    + [
        ("activities", "add_activity"),
        ("activities", "change_activity"),
        ("activities", "add_organisation"),
        ("activities", "change_organisation"),
        ("activities", "view_alias"),
    ],
    "Analysts": VIEW_DIRECTORY,
    "Interview team": VIEW_DIRECTORY,
    "Commissioners": VIEW_DIRECTORY,
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("activities", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]

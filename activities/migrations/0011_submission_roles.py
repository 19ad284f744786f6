"""Champions review the public submissions in the admin: they may view and change them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CHAMPION_PERMISSIONS = ["view_submission", "change_submission"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("activities")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Champions")
    for codename in CHAMPION_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="activities", codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="activities", codename__in=CHAMPION_PERMISSIONS
    )
    for group in Group.objects.filter(name="Champions"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0010_review_queue_and_submissions"),
        ("scoping", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]

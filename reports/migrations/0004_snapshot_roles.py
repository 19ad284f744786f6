"""Every role may read the snapshots (in the admin, for those with staff status);
only administrators take or change them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ["view_snapshot", "view_snapshotarea"]
ROLES = ["Champions", "Analysts", "Interview team", "Commissioners"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("reports")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="reports", codename__in=READ)
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="reports", codename__in=READ)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_snapshots_and_highlight_figures"),
        ("scoping", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]

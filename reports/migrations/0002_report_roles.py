"""Every role may read the reports; the Interview team also writes the highlights."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = [("reports", "view_report"), ("reports", "view_highlight")]
WRITE = [
    ("reports", "add_highlight"),
    ("reports", "change_highlight"),
    ("reports", "delete_highlight"),
]
ROLE_PERMISSIONS = {
    "Champions": READ,
    "Analysts": READ,
    "Interview team": READ + WRITE,
    "Commissioners": READ,
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("reports")
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


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="reports")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_highlight"),
        ("scoping", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]

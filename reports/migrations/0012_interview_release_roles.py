"""The interview team reads the interview figures' releases in the admin and makes them:
the disclosure audit and the release are started there as jobs (``add_interviewrelease``).
Superusers have every permission already; no other role gets these."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMS = ["view_interviewrelease", "add_interviewrelease"]
ROLE = "Interview team"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("reports")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="reports", codename__in=PERMS)
    group, _ = Group.objects.get_or_create(name=ROLE)
    group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="reports", codename__in=PERMS)
    for group in Group.objects.filter(name=ROLE):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0011_highlight_about_delivered_by"),
        ("scoping", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]

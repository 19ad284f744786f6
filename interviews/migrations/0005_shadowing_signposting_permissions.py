"""Grant the Interview team the shadowing visits and the places' signposting information."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["shadowingvisit", "signposting"]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("interviews")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Interview team")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="interviews", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="interviews", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Interview team"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0004_interview_workflow")]
    operations = [migrations.RunPython(grant, revoke)]

"""Champions record progress on the study's recommendations; they may read, not change,
the recommendations and the literature review (the study's own text). Every role reads
them on the report pages through the report permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CHAMPIONS = [
    "view_recommendationarea",
    "view_suggestedaction",
    "view_actionprogress",
    "add_actionprogress",
    "change_actionprogress",
    "view_literaturesource",
    "view_reviewtheme",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("reports")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Champions")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="reports", codename__in=CHAMPIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="reports", codename__in=CHAMPIONS)
    for group in Group.objects.filter(name="Champions"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_recommendations_literature")]
    operations = [migrations.RunPython(grant, revoke)]

"""Published ids (UUIDs) for activities, organisations, places and shared experiences,
and the API's partners and use log.

Existing rows get a UUID each; their history rows get the same one (a record's
history describes one published record); history of deleted records gets one per record.
"""

import importlib
import uuid

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

MODELS = {
    "activity": "historicalactivity",
    "organisation": "historicalorganisation",
    "place": "historicalplace",
    "sharedexperience": "historicalsharedexperience",
}


def give_ids(apps, schema_editor):
    for name, history_name in MODELS.items():
        model = apps.get_model("activities", name)
        history = apps.get_model("activities", history_name)
        for pk in model.objects.filter(uuid__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(uuid=uuid.uuid4())
        kept = model.objects.values("pk")
        history.objects.filter(id__in=kept).update(
            uuid=Subquery(model.objects.filter(pk=OuterRef("id")).values("uuid")[:1])
        )
        gone = history.objects.exclude(id__in=kept).values_list("id", flat=True).distinct()
        for record_id in list(gone):
            history.objects.filter(id=record_id).update(uuid=uuid.uuid4())


def directory_indexes_again(apps, schema_editor):
    """SQLite rebuilds the activity table to make ``uuid`` unique, which drops the raw
    indexes of migration 0004; make them again (each only if missing)."""
    importlib.import_module("activities.migrations.0004_directory_search").create_indexes(
        apps, schema_editor
    )


def published_id(**options):
    return models.UUIDField(editable=False, verbose_name="published id", **options)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0011_submission_roles"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=name, name="uuid", field=published_id(null=True))
            for models_pair in MODELS.items()
            for name in models_pair
        ),
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        *(
            migrations.AlterField(
                model_name=name, name="uuid", field=published_id(default=uuid.uuid4, unique=True)
            )
            for name in MODELS
        ),
        *(
            migrations.AlterField(
                model_name=name, name="uuid", field=published_id(default=uuid.uuid4, db_index=True)
            )
            for name in MODELS.values()
        ),
        migrations.CreateModel(
            name="ApiPartner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The partner organisation.", max_length=200, unique=True
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True, help_text="What they use it for. No personal contact details."
                    ),
                ),
                ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                (
                    "token_start",
                    models.CharField(
                        editable=False,
                        help_text="To recognise a token.",
                        max_length=12,
                        verbose_name="token begins",
                    ),
                ),
                ("issued", models.DateTimeField(editable=False, verbose_name="token issued")),
                (
                    "revoked",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="token revoked"
                    ),
                ),
                ("last_used", models.DateTimeField(blank=True, editable=False, null=True)),
            ],
            options={
                "verbose_name": "API partner",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="ApiUse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(db_index=True)),
                ("path", models.CharField(max_length=300)),
                ("parameters", models.CharField(blank=True, max_length=300)),
                ("status", models.PositiveSmallIntegerField()),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uses",
                        to="activities.apipartner",
                    ),
                ),
            ],
            options={
                "verbose_name": "API use",
                "ordering": ["-at"],
            },
        ),
        migrations.RunPython(directory_indexes_again, migrations.RunPython.noop, elidable=False),
    ]

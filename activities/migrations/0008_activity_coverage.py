"""Coverage: an activity serves one place, several places (``places``) or the whole region.

Existing activities serve one place, as before. ``place`` becomes optional
(a several-place or region-wide activity has none). On SQLite altering the
column rebuilds the table, which drops migration 0004's ordering indexes, so
they are made again here (PostgreSQL keeps them; ``IF NOT EXISTS`` either way).
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# As in 0004_directory_search: the list's orders, by name and by place then name.
ORDERING_INDEXES = [
    ("activity_directory_name", "activities_activity", "(name, id)"),
    ("activity_directory_place_name", "activities_activity", "(place_id, name, id)"),
]


def recreate_ordering_indexes(apps, schema_editor):
    for name, table, definition in ORDERING_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0007_import_run_problems"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalActivity_places",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalActivity_places",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="activity",
            name="coverage",
            field=models.CharField(
                choices=[
                    ("place", "One place"),
                    ("places", "Several places"),
                    ("region", "Region-wide (WY&H wide)"),
                ],
                default="place",
                help_text="One of the six places, several of them, or the whole region (WY&H wide).",
                max_length=10,
                verbose_name="serves",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="places",
            field=models.ManyToManyField(
                blank=True,
                help_text="For an activity serving several places: tick each one (two or more).",
                related_name="shared_activities",
                to="activities.place",
                verbose_name="places served",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="places_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="coverage",
            field=models.CharField(
                choices=[
                    ("place", "One place"),
                    ("places", "Several places"),
                    ("region", "Region-wide (WY&H wide)"),
                ],
                default="place",
                help_text="One of the six places, several of them, or the whole region (WY&H wide).",
                max_length=10,
                verbose_name="serves",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="place",
            field=models.ForeignKey(
                blank=True,
                help_text="For an activity serving one place: the place (of the six) where it happens.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="activities",
                to="activities.place",
            ),
        ),
        migrations.AlterField(
            model_name="historicalactivity",
            name="place",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="For an activity serving one place: the place (of the six) where it happens.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="activities.place",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(("coverage__in", ["place", "places", "region"])),
                name="activity_coverage_valid",
                violation_error_message="Serves must be one place, several places or the region.",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("coverage", "place"), ("place__isnull", False)),
                    models.Q(
                        models.Q(("coverage", "place"), _negated=True), ("place__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="activity_place_only_for_one_place",
                violation_error_message="Choose the place for an activity serving one place (and only then).",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    models.Q(("coverage", "place"), _negated=True), ("organisation__isnull", False)
                ),
                fields=("places_key", "organisation", "name_key"),
                name="activity_shared_identity_with_organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    models.Q(("coverage", "place"), _negated=True), ("organisation__isnull", True)
                ),
                fields=("places_key", "name_key"),
                name="activity_shared_identity_without_organisation",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity_places",
            name="activity",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="activities.activity",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity_places",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="activities.historicalactivity",
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity_places",
            name="place",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="activities.place",
            ),
        ),
        migrations.RunPython(recreate_ordering_indexes, migrations.RunPython.noop, elidable=False),
    ]

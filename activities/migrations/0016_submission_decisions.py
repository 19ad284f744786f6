# A submission's review is now called its decision (issue 27, "one word per meaning"):
# the fields are renamed, their columns keep their names, so the database is unchanged
# but for the label of the pending state (choices live in Python only).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0015_data_version_generations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The columns are named first, so that renaming the fields renames no column.
        migrations.AlterField(
            model_name="submission",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                db_column="reviewed_by_id",
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="reviewed_at",
            field=models.DateTimeField(
                blank=True, db_column="reviewed_at", editable=False, null=True
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="review_note",
            field=models.TextField(
                blank=True, db_column="review_note", help_text="Why it was rejected, or what changed."
            ),
        ),
        migrations.RenameField(model_name="submission", old_name="reviewed_by", new_name="decided_by"),
        migrations.RenameField(model_name="submission", old_name="reviewed_at", new_name="decided_at"),
        migrations.RenameField(
            model_name="submission", old_name="review_note", new_name="decision_note"
        ),
        migrations.AlterField(
            model_name="submission",
            name="state",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting for a decision"),
                    ("accepted", "Accepted"),
                    ("rejected", "Rejected"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
    ]

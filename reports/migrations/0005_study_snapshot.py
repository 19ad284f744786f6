"""The study's published figures, the first snapshot (fixtures/study_snapshot.json)."""

from django.db import migrations


def load(apps, schema_editor):
    from reports.snapshots.store import study_snapshot_load

    study_snapshot_load(
        snapshot_model=apps.get_model("reports", "Snapshot"),
        area_model=apps.get_model("reports", "SnapshotArea"),
    )


def unload(apps, schema_editor):
    from reports.snapshots.store import study_snapshot_records

    slug = study_snapshot_records()["slug"]
    apps.get_model("reports", "Snapshot").objects.filter(slug=slug).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_snapshot_roles")]
    operations = [migrations.RunPython(load, unload)]

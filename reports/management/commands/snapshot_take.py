from django.core.management.base import BaseCommand, CommandError

from reports.snapshots.store import SnapshotError, snapshot_take


class Command(BaseCommand):
    help = "Freeze the report figures as they are now (region and every place) under NAME."

    def add_arguments(self, parser):
        parser.add_argument("name", help="e.g. “Re-scoping 2027”")
        parser.add_argument(
            "--label", default="", help="How a sentence names it, e.g. “the 2027 re-scoping”."
        )
        parser.add_argument("--note", default="")

    def handle(self, *args, name, label, note, **options):
        try:
            snapshot = snapshot_take(name=name, label=label, note=note)
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        region = snapshot.areas.get(place_slug="")
        self.stdout.write(
            f"Snapshot “{snapshot.name}” ({snapshot.slug}) taken: {region.total} activities "
            f"in the region, {snapshot.areas.count() - 1} places, as at {snapshot.as_at:%Y-%m-%d %H:%M}."
        )

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from scoping.serving.backups import database_backup, table_row_counts


class Command(BaseCommand):
    help = "Back up the database (pg_dump on PostgreSQL, a file copy on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write it (default: backups/…)")

    def handle(self, *args, path=None, **options):
        if not path:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = settings.BACKUPS_DIR / f"peer-support-{stamp}.dump"
        written = database_backup(path=path)
        rows = sum(table_row_counts().values())
        self.stdout.write(f"Backed up {rows} rows to {written}")

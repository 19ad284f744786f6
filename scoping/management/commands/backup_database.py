from django.core.management.base import BaseCommand

from scoping.serving.backups import backup_path, database_backup, table_row_counts


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, a file copy on SQLite). Superusers "
        "can start one from the admin too (Database backups), as a job."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write it (default: backups/…)")

    def handle(self, *args, path=None, **options):
        written = database_backup(path=path or backup_path())
        rows = sum(table_row_counts().values())
        self.stdout.write(f"Backed up {rows} rows to {written}")

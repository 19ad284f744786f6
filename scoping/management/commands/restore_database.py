from django.core.management.base import BaseCommand, CommandError

from interviews.erasure.storage import LedgerError
from scoping.serving.backups import database_restore, table_row_counts


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by backup_database."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--no-one-has-withdrawn",
            action="store_true",
            dest="none_withdrawn",
            help="Restore although there is no withdrawal ledger: you state that no "
            "participant has ever withdrawn. Without a ledger a restore cannot withdraw "
            "again anyone who withdrew after the backup was made.",
        )

    def handle(self, *args, path, yes=False, none_withdrawn=False, **options):
        if not yes:
            answer = input("This replaces everything in the database. Type 'restore' to go on: ")
            if answer.strip() != "restore":
                raise CommandError("Not restored.")
        try:
            withdrawn_again = database_restore(path=path, none_withdrawn=none_withdrawn)
        except (FileNotFoundError, LedgerError) as error:
            raise CommandError(str(error)) from error
        rows = sum(table_row_counts().values())
        self.stdout.write(f"Restored {rows} rows from {path}")
        if withdrawn_again:
            self.stdout.write(
                f"Withdrawn again (they withdrew after this backup was made): "
                f"{', '.join(withdrawn_again)}"
            )

"""python manage.py export_master_sheet PATH [--one-sheet]"""

from pathlib import Path

from django.core.management.base import BaseCommand

from activities.master_sheet.export import master_sheet_export


class Command(BaseCommand):
    help = "Write the directory as a master sheet (.xlsx): one sheet per place by default."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the workbook (.xlsx).")
        parser.add_argument(
            "--one-sheet",
            action="store_true",
            help="One sheet with a Place column instead of a sheet per place.",
        )

    def handle(self, *args, path, one_sheet, **options):
        with Path(path).open("wb") as file:
            count = master_sheet_export(file=file, one_sheet=one_sheet)
        self.stdout.write(f"Wrote {count} activities to {path}.")

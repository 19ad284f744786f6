"""python manage.py import_master_sheet PATH [--dry-run] [--background]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from activities.master_sheet.apply import StalePlan, master_sheet_import
from activities.master_sheet.jobs import file_import_start
from activities.models import ImportRun


class Command(BaseCommand):
    help = (
        "Import a master sheet (.xlsx, .ods or .csv): every row or none. Prints per-sheet counts and every "
        "error; exits 1 (writing nothing) when any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="The workbook (.xlsx or .ods) or CSV file (.csv) to import."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the import as a job for a worker and print its number; "
            "staff follow it in the admin (Jobs).",
        )

    def handle(self, *args, path, dry_run, background, **options):
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        if background:
            if dry_run:
                raise CommandError("--background imports; preview with --dry-run alone.")
            job = file_import_start(data=data, file_name=file.name)
            job.refresh_from_db(fields=["state", "message"])
            self.stdout.write(f"Job {job.pk}: {job.get_state_display().lower()}. {job.message}")
            return
        try:
            run, plan = master_sheet_import(
                data=data, file_name=file.name, source=ImportRun.Source.COMMAND, dry_run=dry_run
            )
        except StalePlan as error:
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(run.report_lines()))
        if plan is None or not plan.ok:
            raise CommandError("Nothing was imported.", returncode=1)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS("Imported."))

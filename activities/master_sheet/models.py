"""The master sheet's import log: each run (or dry run) and what each of its rows did."""

from django.conf import settings
from django.db import models

from activities.master_sheet.layout import HEADERS
from activities.records.models import Activity

_COLUMN_ORDER = {header: index for index, header in enumerate(HEADERS)}


class ImportRun(models.Model):
    """One import of a master sheet (or a dry run of one): who, what file, what happened."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", "Applied"
        DRY_RUN = "dry_run", "Dry run"
        FAILED = "failed", "Failed: nothing written"

    class Source(models.TextChoices):
        COMMAND = "command", "Command"
        ADMIN = "admin", "Admin upload"

    file_name = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.COMMAND)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    started = models.DateTimeField()
    finished = models.DateTimeField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # Organisations renamed by their Organisation id (no activity row need change).
    organisations_renamed = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    summary = models.TextField(
        blank=True,
        help_text=(
            "What the import read: rows per sheet, sheets skipped, spellings read as the "
            "directory's terms, and the total."
        ),
    )
    problems = models.JSONField(
        default=list,
        blank=True,
        help_text="Why nothing was written: one message per error, in the order found.",
    )
    upload = models.BinaryField(
        null=True,
        blank=True,
        editable=False,
        help_text="An admin preview's workbook, kept until it is confirmed or superseded.",
    )
    kept_rows = models.BinaryField(
        null=True,
        blank=True,
        editable=False,
        help_text="The rows the preview read, kept with its workbook so that confirming it "
        "does not read the file again.",
    )
    file_sha256 = models.CharField("file SHA-256", max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-started"]

    def __str__(self):
        return f"{self.file_name} ({self.get_outcome_display().lower()})"

    def report_lines(self):
        """The summary, then the errors, as the command prints them.

        A file that could not be read has only its one problem; a workbook
        with no master sheet in it has no rows or errors to count.
        """
        lines = self.summary.splitlines()
        if self.summary and self.errors:
            lines.append(f"{self.errors} errors; nothing was written:")
        return lines + list(self.problems)


class ImportRowResult(models.Model):
    """What one spreadsheet row did in an import run; kept for the most recent runs."""

    class Result(models.TextChoices):
        NEW = "new", "New"
        UPDATED = "updated", "Updated"
        UNCHANGED = "unchanged", "Unchanged"
        ERROR = "error", "Error"

    class IdentifiedBy(models.TextChoices):
        """How the import knew which activity a row is (see ``master_sheet.identities.row_match``)."""

        NEW = "", "New"
        NEW_WITH_ID = "new_with_id", "New, with the sheet's published id"
        PUBLISHED_ID = "published_id", "Matched by published id"
        IDENTITY = "identity", "Matched by place, organisation and name"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rows")
    sheet = models.CharField(max_length=100)
    row = models.PositiveIntegerField(help_text="The spreadsheet's own row number.")
    result = models.CharField(max_length=10, choices=Result.choices)
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    activity_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The activity's version this row was planned against."
    )
    name = models.CharField(max_length=300, blank=True)
    serves = models.CharField(
        max_length=200, blank=True, help_text="What the row serves, as a Place cell reads."
    )
    identified_by = models.CharField(
        max_length=20, choices=IdentifiedBy.choices, blank=True, default=IdentifiedBy.NEW
    )
    changes = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the row changed (before → after), or a new row's values.",
    )
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["run", "sheet", "row"]

    def __str__(self):
        return f"{self.sheet}!{self.row}: {self.get_result_display()}"

    def changes_in_sheet_order(self):
        """[(column header, [before, after])] in the master sheet's column order (a JSON
        column on PostgreSQL keeps no order of its own)."""
        return sorted(
            self.changes.items(), key=lambda item: _COLUMN_ORDER.get(item[0], len(_COLUMN_ORDER))
        )

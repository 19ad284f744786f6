"""What a master-sheet plan is made of: the plan, its rows, each sheet's counts and the errors.

``plan.master_sheet_plan`` fills a ``Plan``; ``apply.plan_apply`` writes it, and the
admin's preview and the import run show its summary and its errors.
"""

from dataclasses import dataclass, field

from activities.master_sheet.layout import CANONICAL_HEADER, HEADER_ROWS_SEARCHED
from activities.models import ImportRowResult
from activities.vocabulary.terms import Vocabulary

Result = ImportRowResult.Result
IdentifiedBy = ImportRowResult.IdentifiedBy
VOCABULARY_TITLES = dict(Vocabulary.choices)
MAPPED_LINES = 40  # spellings listed in a summary; the rest are counted


@dataclass(slots=True)
class Problem:
    """One error: a row's cell, or a whole sheet (``row`` 0)."""

    sheet: str
    row: int
    column: str
    value: str
    reason: str
    accepted: str = ""

    def __str__(self):
        if not self.row:
            return f"{self.sheet}: {self.reason}"
        shown = self.value if self.value else "(blank)"
        if len(shown) > 80:
            shown = shown[:77] + "..."
        text = f"{self.sheet}!{self.row} {self.column}: {shown} — {self.reason}"
        return f"{text} (accepted: {self.accepted})" if self.accepted else text


@dataclass(slots=True)
class PlannedRow:
    sheet: str
    row: int
    values: dict
    result: str = Result.NEW
    identity: tuple = ()
    place: tuple | None = None  # (coverage, place slugs), from the cell or the sheet's name
    activity_id: int | None = None
    version: int | None = None
    changes: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)  # {field: the sheet's header}, one per sheet
    match: dict | None = None  # the existing activity it is (``Lookups.existing`` values)
    identified_by: str = ""  # an ``ImportRowResult.IdentifiedBy`` value
    serves: str = ""  # what it serves, as a Place cell reads ("Leeds; Wakefield")

    @property
    def name(self):
        return self.values.get("name", "")


@dataclass
class SheetSummary:
    name: str
    header_row: int
    rows_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    unknown_columns: list = field(default_factory=list)


@dataclass
class Plan:
    sheets: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (sheet name, reason)
    rows: list = field(default_factory=list)
    sheet_problems: list = field(default_factory=list)
    problem_count: int = 0
    stopped: list = field(default_factory=list)  # why reading stopped early: listed last
    new_organisations: dict = field(default_factory=dict)  # name key -> name (no id given)
    organisations_with_ids: dict = field(default_factory=dict)  # uuid -> ``NamedById``
    organisation_renames: list = field(default_factory=list)  # ``organisations.Rename``
    # (vocabulary, spelling, term) -> cells read that way (``lookups.Lookups.mapped``)
    mapped: dict = field(default_factory=dict)
    # ``progress(done, total=None, message=None)``: a job's progress (scoping/jobs/), or None.
    progress: object = None

    def report(self, done, **kwargs):
        if self.progress is not None:
            self.progress(done, **kwargs)

    def count(self, result):
        return sum(1 for row in self.rows if row.result == result)

    @property
    def problems(self):
        return self.sheet_problems + [p for row in self.rows for p in row.problems] + self.stopped

    @property
    def ok(self):
        return bool(self.sheets) and not self.problems

    def summary_lines(self):
        """Counts per sheet, the skipped sheets and the total (errors are ``problem_messages``)."""
        lines = []
        for sheet in self.sheets:
            lines.append(
                f"{sheet.name}: {sheet.rows_read} rows read (header on row {sheet.header_row}), "
                f"{sheet.new} new, {sheet.updated} updated, {sheet.unchanged} unchanged"
                + (f", {sheet.errors} with errors" if sheet.errors else "")
            )
            if sheet.unknown_columns:
                lines.append(f"  unknown columns ignored: {', '.join(sheet.unknown_columns)}")
        for name, reason in self.skipped:
            lines.append(f"{name}: skipped ({reason})")
        lines.extend(self.organisation_lines())
        lines.extend(self.mapped_lines())
        lines.append(
            f"Total: {len(self.rows)} rows read, {self.count(Result.NEW)} new, "
            f"{self.count(Result.UPDATED)} updated, {self.count(Result.UNCHANGED)} unchanged"
        )
        return lines

    def mapped_lines(self):
        """Each spelling the sheet used for one of the directory's terms, with how many
        cells it was in: "Sector: “Charity” read as Third Sector (12 cells)"."""
        ordered = sorted(self.mapped.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
        lines = [
            f"{VOCABULARY_TITLES.get(vocabulary, vocabulary)}: “{spelling}” read as {term} "
            f"({count} cell{'s' if count != 1 else ''})"
            for (vocabulary, spelling, term), count in ordered[:MAPPED_LINES]
        ]
        if len(ordered) > MAPPED_LINES:
            lines.append(f"…and {len(ordered) - MAPPED_LINES} more spellings read as terms")
        return lines

    def organisation_lines(self):
        """The organisations the import renames or creates with the sheet's ids."""
        lines = [
            f"Organisation renamed: “{rename.before}” → “{rename.after}” "
            f"(organisation id {rename.uuid})"
            for rename in self.organisation_renames[:ORGANISATION_LINES]
        ]
        more = len(self.organisation_renames) - ORGANISATION_LINES
        if more > 0:
            lines.append(f"… and {more:,} more organisations renamed")
        created = [f"“{entry.name}”" for entry in self.organisations_with_ids.values()]
        if created:
            shown = ", ".join(created[:ORGANISATION_LINES])
            more = len(created) - ORGANISATION_LINES
            lines.append(
                f"New organisations with the sheet's organisation ids: {shown}"
                + (f" and {more:,} more" if more > 0 else "")
            )
        return lines

    def problem_messages(self):
        """Why nothing can be written, one message per error (none when all is well)."""
        if not self.sheets and not self.sheet_problems:
            return [NO_MASTER_SHEET]
        return [str(problem) for problem in self.problems]


ORGANISATION_LINES = 20


NO_MASTER_SHEET = (
    "Error: no worksheet has the master sheet's headers (Project name / support "
    "type, Sector, Main focus, Shared experience, Primary model of delivery and, "
    "unless the sheet is named after a place, Place) in its first "
    f"{HEADER_ROWS_SEARCHED} rows."
)


def problem_adder(plan):
    """``problem(row, field, value, reason, accepted)``: an error on a row read without
    any, under the sheet's header for the field."""

    def problem(row, name, value, reason, accepted=""):
        header = row.headers.get(name, CANONICAL_HEADER[name])
        row.problems.append(Problem(row.sheet, row.row, header, value, reason, accepted))
        if row.result != Result.ERROR:
            row.result = Result.ERROR
        plan.problem_count += 1

    return problem

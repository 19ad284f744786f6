"""The master-sheet importer's core: workbook in, plan out (nothing is written here).

``master_sheet_plan`` reads every sheet (``readers``: .xlsx, .ods, .csv), finds each
sheet's header row, reads the rows with the vocabulary matcher and decides per
row: new, updated (with the changed fields), unchanged, or its errors. A row is the
activity with its published id, else (no id) the one with its place, organisation and
name (``_match``, then ``_settle`` for renames and moves by id). The
command and the admin both call it and then ``apply.plan_apply``.
Lookups (places, taxonomy, aliases, organisations, existing activities) are
fetched once per plan: a handful of queries whatever the number of rows.

django-import-export (installed for other screens) is not used here: it reads
only the active sheet, matches headers literally, has no notion of a header
row below title rows or of "the sheet name is the place", and saves row by
row; feeding it normalised rows would leave it nothing to do but the writes,
which must be bulk, versioned and all-or-nothing across sheets anyway.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from activities.directory.disclaimer import is_disclaimer
from activities.master_sheet import cells
from activities.master_sheet.layout import (
    CANONICAL_HEADER,
    COMPARED,
    HEADER_FIELDS,
    HEADER_ROWS_SEARCHED,
    REQUIRED,
    SHARED_EXPERIENCE_SEPARATOR,
)
from activities.master_sheet.organisations import organisations_resolve
from activities.master_sheet.readers import Book, XlsxBook
from activities.models import Activity, ImportRowResult, Organisation, Place, SharedExperience
from activities.reference.coverage import (
    PLACES_SEPARATOR,
    REGION_LABEL,
    Coverage,
    coverage_of,
    place_cell_parts,
    places_key,
)
from activities.vocabulary.matching import UnknownValue, VocabularyMatcher
from activities.vocabulary.spelling import header_key, value_key
from activities.vocabulary.terms import ENUMERATION, Vocabulary
from scoping.shared.spreadsheets import unescape_formula

TEXT_READERS = {
    "name": lambda raw: cells.single_line(raw, 300),
    "organisation": lambda raw: cells.single_line(raw, 300),
    "venue": lambda raw: cells.single_line(raw, 300),
    "scoped_by_name": lambda raw: cells.single_line(raw, 100),
    "contact": cells.free_text,
    "notes": cells.free_text,
    "website": cells.website,
    "online": cells.yes_no,
    "self_described_peer_support": cells.yes_no,
    "date_scoped": cells.date,
    "access_details": lambda raw: cells.single_line(raw, 300),
    "found_through_network": lambda raw: cells.single_line(raw, 200),
    "uuid": cells.published_id,
    "organisation_uuid": cells.organisation_id,
}
Result = ImportRowResult.Result
IdentifiedBy = ImportRowResult.IdentifiedBy


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
    match: dict | None = None  # the existing activity it is (``_Lookups.existing`` values)
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
        lines.append(
            f"Total: {len(self.rows)} rows read, {self.count(Result.NEW)} new, "
            f"{self.count(Result.UPDATED)} updated, {self.count(Result.UNCHANGED)} unchanged"
        )
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


class _Lookups:
    """Everything a plan compares rows with, fetched once."""

    def __init__(self):
        self.matcher = VocabularyMatcher()
        places = Place.objects.values_list("slug", "pk", "name")
        self.place_ids = {slug: pk for slug, pk, _name in places}
        self.place_names = {pk: name for _slug, pk, name in places}
        self.experience_ids = dict(SharedExperience.objects.values_list("slug", "pk"))
        self.experience_names = dict(SharedExperience.objects.values_list("pk", "name"))
        self.organisation_ids = {}  # name key -> pk
        self.organisation_names = {}
        self.organisation_uuids = {}
        for pk, key, name, published_id in Organisation.objects.values_list(
            "pk", "name_key", "name", "uuid"
        ):
            self.organisation_ids[key] = pk
            self.organisation_names[pk] = name
            self.organisation_uuids[pk] = published_id
        self.organisation_by_uuid = {uuid: pk for pk, uuid in self.organisation_uuids.items()}
        self.organisation_keys = organisation_keys = {
            pk: key for key, pk in self.organisation_ids.items()
        }
        # Name keys of the organisations there are after the import (``organisations_final``).
        self.organisation_keys_final = set(self.organisation_ids)
        experiences = defaultdict(set)
        for activity_id, experience_id in Activity.shared_experiences.through.objects.values_list(
            "activity_id", "sharedexperience_id"
        ):
            experiences[activity_id].add(experience_id)
        self.existing = {}  # identity -> the activity's values
        self.by_uuid = {}  # published id -> the same values
        for values in Activity.objects.values(
            "id",
            "uuid",
            "version",
            "coverage",
            "place_id",
            "places_key",
            "organisation_id",
            "name_key",
            *COMPARED,
        ):
            values["shared_experiences"] = frozenset(experiences.get(values["id"], ()))
            key = (
                _served_key(values["coverage"], values["place_id"], values["places_key"]),
                organisation_keys.get(values["organisation_id"], ""),
                values["name_key"],
            )
            values["identity"] = key
            self.existing[key] = values
            self.by_uuid[values["uuid"]] = values
        self.by_id = {values["id"]: values for values in self.by_uuid.values()}
        self._cache = {}

    def organisations_final(self, final_keys, held_keys):
        """The organisations after this import's renames (``{pk: name key}``) and the
        name keys held then: existing activities' identities use the new names."""
        self.organisation_keys_final = held_keys
        self.existing = {}
        for values in self.by_id.values():
            served, _organisation, name_key = values["identity"]
            key = (served, final_keys.get(values["organisation_id"], ""), name_key)
            values["identity"] = key
            self.existing[key] = values

    def existing_identity(self, pk):
        return self.by_id[pk]["identity"]

    def serves_text(self, coverage, place_id, key):
        """What an activity serves as a Place cell reads, from its stored identity fields."""
        if coverage == Coverage.REGION:
            return REGION_LABEL
        if coverage == Coverage.PLACES:
            names = (self.place_names[int(pk)] for pk in key.split(",") if pk)
            return PLACES_SEPARATOR.join(sorted(names))
        return self.place_names.get(place_id, "")

    def coverage(self, raw):
        """(coverage, place slugs) a Place cell or sheet name says; raises ``UnknownValue``.

        One place, several ("Leeds; Wakefield", "Leeds and Wakefield") or the
        region ("WY&H wide" and its aliases).
        """

        def is_known(spelling):
            try:
                self.match(Vocabulary.PLACE, spelling)
            except UnknownValue:
                return False
            return True

        parts = place_cell_parts(cells.as_text(raw), is_known)
        if not parts:
            # Raises the matcher's own message, naming every accepted place.
            self.match(Vocabulary.PLACE, "" if parts == [] else cells.as_text(raw))
        coverage, slugs = coverage_of(self.match(Vocabulary.PLACE, part) for part in parts)
        if coverage == Coverage.PLACES and set(slugs) == set(self.place_ids):
            # Every place is the whole region: "Several places" excludes it (coverage.py).
            return Coverage.REGION, []
        return coverage, slugs

    def match(self, vocabulary, raw):
        """Canonical value for a cell, memoised: sheets repeat the same spellings a lot."""
        key = (vocabulary, raw)
        try:
            found = self._cache[key]
        except KeyError:
            try:
                found = self.matcher.match(vocabulary, raw)
            except UnknownValue as unknown:
                found = unknown
            self._cache[key] = found
        if isinstance(found, UnknownValue):
            raise found.with_traceback(None)  # reused: do not let tracebacks pile up on it
        return found


def _served_key(coverage, place_id, key):
    """What an activity serves, as identities compare it: its place's pk, or its places key."""
    return place_id if coverage == Coverage.PLACE else key


def _unknown_problem(sheet, row, header, raw, unknown):
    vocabulary = Vocabulary(unknown.vocabulary).label.lower()
    reason = f"not a known {vocabulary}" if unknown.value else "required"
    accepted = ", ".join(unknown.accepted)
    if unknown.vocabulary == Vocabulary.PLACE:
        reason = "not a known place or region" if unknown.value else reason
        accepted += "; or several places separated by “;”"
    return Problem(sheet, row, header, cells.as_text(raw), reason, accepted)


def _find_header(rows, sheet_place):
    """(row number, {field: column index}, unknown headers, missing required) or None."""
    best = None
    for number, row in enumerate(rows[:HEADER_ROWS_SEARCHED], start=1):
        columns, unknown = {}, []
        for index, cell in enumerate(row):
            text = cells.as_text(cell).strip()
            if not text:
                continue
            found = HEADER_FIELDS.get(header_key(text))
            if found is None or found in columns:
                unknown.append(" ".join(text.split()))
            else:
                columns[found] = index
        required = REQUIRED + ([] if sheet_place else ["place"])
        missing = [name for name in required if name not in columns]
        if not missing:
            return number, columns, unknown, []
        if best is None and "name" in columns and len(columns) >= 3:
            best = (number, columns, unknown, missing)
    return best


def master_sheet_plan(book):
    """Read an open ``readers.Book`` (or openpyxl workbook) into a ``Plan``; writes nothing.

    A sheet past the caps on rows or columns (``readers.capped``) ends the
    reading: its message is the plan's error and no further sheet is read.
    """
    if not isinstance(book, Book):
        book = XlsxBook(book)
    lookups = _Lookups()
    plan = Plan()
    seen = {"id": {}}
    for sheet in book.sheets():
        if sheet.chart:
            plan.skipped.append((sheet.name, "a chart, not a table"))
            continue
        if not sheet.refused:
            _plan_sheet(plan, lookups, sheet, seen)
        if sheet.refused:
            plan.sheet_problems.append(Problem(sheet.name, 0, "", "", sheet.refused))
            break
        if plan.stopped:
            break
    organisations_resolve(
        [row for row in plan.rows if not row.problems], lookups, plan, _problem_adder(plan)
    )
    _identities(plan, lookups)
    readable = [row for row in plan.rows if not row.problems]
    for row in readable:
        _match(row, lookups)
    _settle(readable, lookups, plan)
    for row in plan.rows:
        if not row.problems:
            _compare(row, lookups, plan)
    for summary in plan.sheets:
        summary.errors = sum(1 for r in plan.rows if r.sheet == summary.name and r.problems)
    return plan


def _plan_sheet(plan, lookups, sheet, seen):
    sheet_name = sheet.name
    try:
        sheet_place = lookups.coverage(sheet_name)
    except UnknownValue:
        sheet_place = None
    rows = iter(sheet.rows)  # (row number, values), rows with data only
    head = [()] * HEADER_ROWS_SEARCHED
    first_below_head = None
    for number, values in rows:
        if number > HEADER_ROWS_SEARCHED:
            first_below_head = (number, values)
            break
        head[number - 1] = values
    header = _find_header(head, sheet_place)
    if header is None:
        if head and head[0] and is_disclaimer(sheet_name, head[0][0]):
            plan.skipped.append((sheet_name, "the study's disclaimer, not activities"))
        else:
            reason = f"no header row in its first {HEADER_ROWS_SEARCHED} rows"
            plan.skipped.append((sheet_name, reason))
        return
    header_row, columns, unknown, missing = header
    if missing:
        names = ", ".join(CANONICAL_HEADER[name] for name in missing)
        reason = f"the header row (row {header_row}) has no column for {names}"
        if missing == ["place"]:
            reason += (
                f"; add a Place column or name the sheet after a place "
                f"(accepted: {', '.join(lookups.matcher.accepted(Vocabulary.PLACE))})"
            )
        plan.sheet_problems.append(Problem(sheet_name, 0, "", "", reason))
        return
    summary = SheetSummary(sheet_name, header_row, unknown_columns=unknown)
    plan.sheets.append(summary)
    headers = {}
    for index, cell in enumerate(head[header_row - 1]):
        headers[index] = " ".join(cells.as_text(cell).split())
    readers = [(name, index, headers[index]) for name, index in columns.items()]
    name_header = headers[columns["name"]]
    place_header = headers[columns["place"]] if "place" in columns else "Place"
    sheet_headers = {name: headers[index] for name, index in columns.items()}
    sheet_headers.setdefault("place", place_header)

    def data_rows():
        yield from enumerate(head[header_row:], start=header_row + 1)
        if first_below_head:
            yield first_below_head
        yield from rows

    for number, raw_row in data_rows():
        if _blank(raw_row):
            continue
        summary.rows_read += 1
        planned = _read_row(lookups, sheet_name, sheet_place, number, raw_row, readers)
        planned.headers = sheet_headers
        if "name" in planned.values and not planned.values["name"]:
            planned.problems.append(Problem(sheet_name, number, name_header, "", "required"))
        if planned.place is None and not any(p.column == place_header for p in planned.problems):
            planned.problems.append(
                Problem(
                    sheet_name,
                    number,
                    place_header,
                    "",
                    "required: this sheet is not named after a place",
                    ", ".join(lookups.matcher.accepted(Vocabulary.PLACE)),
                )
            )
        published_id = planned.values.get("uuid")
        if published_id is not None:
            first = seen["id"].setdefault(published_id, (sheet_name, number))
            if first != (sheet_name, number):
                planned.problems.append(
                    Problem(
                        sheet_name,
                        number,
                        sheet_headers["uuid"],
                        str(published_id),
                        f"the same published id as {first[0]}!{first[1]}: one activity, one "
                        "row (a copied row keeps the id; clear it on the new row)",
                        "each id on one row only; blank for a new activity",
                    )
                )
        if planned.problems:
            planned.result = Result.ERROR
            plan.problem_count += len(planned.problems)
        plan.rows.append(planned)
        if plan.problem_count >= settings.MASTER_SHEET_PROBLEMS_STORED:
            plan.stopped.append(
                Problem(
                    sheet_name,
                    0,
                    "",
                    "",
                    f"reading stopped at row {number:,} after "
                    f"{plan.problem_count:,} errors; correct these and import again to see "
                    "any others",
                )
            )
            return


def _problem_adder(plan):
    """``problem(row, field, value, reason, accepted)``: an error on a row read without
    any, under the sheet's header for the field."""

    def problem(row, name, value, reason, accepted=""):
        header = row.headers.get(name, CANONICAL_HEADER[name])
        row.problems.append(Problem(row.sheet, row.row, header, value, reason, accepted))
        if row.result != Result.ERROR:
            row.result = Result.ERROR
        plan.problem_count += 1

    return problem


def _identities(plan, lookups):
    """Each row's identity (what it serves, its organisation after this import, its
    name); two rows of one file with the same identity are an error."""
    seen = {}
    problem = _problem_adder(plan)
    for row in plan.rows:
        if row.problems:
            continue
        _identify(row, lookups)
        first = seen.setdefault(row.identity, row)
        if first is not row:
            problem(
                row,
                "name",
                row.name,
                f"duplicate row: {first.sheet}!{first.row} has the same place, "
                "organisation and name",
            )


def _blank(row):
    for cell in row:
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            return False
    return True


def _read_row(lookups, sheet, sheet_place, number, raw_row, readers):
    values = {}
    problems = []
    width = len(raw_row)
    for name, index, header in readers:
        raw = unescape_formula(raw_row[index]) if index < width else None
        try:
            if name in ENUMERATION:  # the field's name is its vocabulary's
                values[name] = lookups.match(name, raw)
            elif name == "place":
                if cells.as_text(raw).strip():
                    values[name] = lookups.coverage(raw)
            elif name == "shared_experiences":
                values[name] = _experiences(lookups, sheet, number, header, raw, problems)
            else:
                values[name] = TEXT_READERS[name](raw)
        except UnknownValue as unknown:
            problems.append(_unknown_problem(sheet, number, header, raw, unknown))
        except cells.CellError as error:
            problems.append(
                Problem(sheet, number, header, cells.as_text(raw), str(error), error.accepted)
            )
    place = values.get("place") or sheet_place
    return PlannedRow(sheet, number, values, problems=problems, place=place)


def _identify(planned, lookups):
    values = planned.values
    coverage, slugs = planned.place
    ids = [lookups.place_ids[slug] for slug in slugs]
    values["coverage"] = coverage
    values["place_id"] = ids[0] if coverage == Coverage.PLACE else None
    values["places"] = frozenset(ids) if coverage == Coverage.PLACES else frozenset()
    values["places_key"] = places_key(coverage, ids)
    served = _served_key(coverage, values["place_id"], values["places_key"])
    # The organisation as ``organisations_resolve`` settled it: by id, else by name.
    planned.identity = (served, values["organisation_key"], value_key(values["name"]))
    planned.serves = lookups.serves_text(coverage, values["place_id"], values["places_key"])


def _experiences(lookups, sheet, number, header, raw, problems):
    parts = cells.experience_parts(raw)
    if not parts:
        raise UnknownValue(
            Vocabulary.SHARED_EXPERIENCE,
            "",
            lookups.matcher.accepted(Vocabulary.SHARED_EXPERIENCE),
        )
    ids = set()
    for part in parts:
        try:
            ids.add(lookups.experience_ids[lookups.match(Vocabulary.SHARED_EXPERIENCE, part)])
        except UnknownValue as unknown:
            problems.append(_unknown_problem(sheet, number, header, part, unknown))
    return frozenset(ids)


def _match(row, lookups):
    """Which existing activity a row is: the one with its published id, else (no id) the
    one with its identity. A row with an id this directory does not know is new."""
    published_id = row.values.get("uuid")
    if published_id is not None:
        row.match = lookups.by_uuid.get(published_id)
        row.identified_by = IdentifiedBy.PUBLISHED_ID if row.match else IdentifiedBy.NEW_WITH_ID
        return
    row.match = lookups.existing.get(row.identity)
    row.identified_by = IdentifiedBy.IDENTITY if row.match else IdentifiedBy.NEW


def _final_identity(row):
    """The identity the row's activity has after the import.

    A sheet without an Organisation column leaves a matched activity's organisation alone.
    """
    served, organisation_key, name_key = row.identity
    if row.match is not None and not row.values["organisation_given"]:
        organisation_key = row.match["identity"][1]
    return served, organisation_key, name_key


def _settle(rows, lookups, plan):
    """Rows matched by id may rename or move their activity; settle what that frees and
    what it would collide with, before anything is compared.

    - A row without an id whose identity is an activity another row names by its id is a
      new activity: that activity is renamed or moved away by the other row.
    - A row's identity after the import must not be another activity's that keeps it.
    """
    claimed = {
        row.match["id"]: row for row in rows if row.identified_by == IdentifiedBy.PUBLISHED_ID
    }
    for row in rows:
        if row.identified_by == IdentifiedBy.IDENTITY and row.match["id"] in claimed:
            row.match, row.identified_by = None, IdentifiedBy.NEW
    final = {row.match["id"]: _final_identity(row) for row in claimed.values()}
    leaving = {pk for pk, identity in final.items() if identity != lookups.existing_identity(pk)}
    taken = {}
    for row in rows:
        identity = _final_identity(row)
        holder = lookups.existing.get(identity)
        mine = row.match["id"] if row.match else None
        if holder is not None and holder["id"] != mine and holder["id"] not in leaving:
            row.problems.append(_taken_problem(row, holder))
        else:
            first = taken.setdefault(identity, row)
            if first is not row:
                row.problems.append(
                    Problem(
                        row.sheet,
                        row.row,
                        row.headers["name"],
                        row.name,
                        f"duplicate row: {first.sheet}!{first.row} is the same place, "
                        "organisation and name after this import",
                    )
                )
        if row.problems:
            row.match, row.result = None, Result.ERROR
            plan.problem_count += len(row.problems)


def _taken_problem(row, holder):
    """A row that would give its activity the identity of another one, which keeps it."""
    shown = f"“{holder['name']}” (published id {holder['uuid']})"
    if row.identified_by == IdentifiedBy.NEW_WITH_ID:
        return Problem(
            row.sheet,
            row.row,
            row.headers["uuid"],
            str(row.values["uuid"]),
            f"is not in this directory, but {shown} has this row's place, organisation and name",
            f"that activity's id, {holder['uuid']}, or blank to update it",
        )
    return Problem(
        row.sheet,
        row.row,
        row.headers["name"],
        row.name,
        f"the activity with this row's published id would get the place, organisation and "
        f"name of another one, {shown}, which this sheet leaves as it is",
        "another name, or that activity's own row moved or renamed in the same sheet",
    )


def _compare(row, lookups, plan):
    existing = row.match
    if existing is None:
        row.result = Result.NEW
        _organisation_note(row, lookups, plan)
        _tally(plan, row)
        return
    row.activity_id = existing["id"]
    row.version = existing["version"]
    for name in [*COMPARED, "shared_experiences"]:
        if name not in row.values:
            continue  # a column the sheet does not have leaves the field alone
        before, after = existing[name], row.values[name]
        if before != after:
            row.changes[name] = [
                display(name, before, lookups),
                display(name, after, lookups),
            ]
    if row.identified_by == IdentifiedBy.PUBLISHED_ID:
        _compare_identity(row, existing, lookups, plan)
    row.result = Result.UPDATED if row.changes else Result.UNCHANGED
    _tally(plan, row)


def _compare_identity(row, existing, lookups, plan):
    """What serves and who runs it: only a row matched by its id can change them."""
    served, organisation_key, _name = row.identity
    if served != existing["identity"][0]:
        before = lookups.serves_text(
            existing["coverage"], existing["place_id"], existing["places_key"]
        )
        row.changes["place"] = [before, row.serves]
    if row.values["organisation_given"] and organisation_key != existing["identity"][1]:
        before = lookups.organisation_names.get(existing["organisation_id"], "")
        row.changes["organisation"] = [before, row.values["organisation_name"]]
        _organisation_note(row, lookups, plan)


def _organisation_note(row, lookups, plan):
    """An organisation the directory does not have yet is created with the import."""
    key = row.identity[1]
    if key and key not in lookups.organisation_keys_final:
        plan.new_organisations.setdefault(key, row.values["organisation_name"])


def _tally(plan, row):
    summary = next(s for s in reversed(plan.sheets) if s.name == row.sheet)
    if row.result == Result.NEW:
        summary.new += 1
    elif row.result == Result.UPDATED:
        summary.updated += 1
    else:
        summary.unchanged += 1


def display(name, value, lookups):
    """A value as a person reads it in the preview (and in the stored row results)."""
    if name == "shared_experiences":
        return SHARED_EXPERIENCE_SEPARATOR.join(
            sorted(lookups.experience_names[pk] for pk in value)
        )
    if name in ENUMERATION:
        return ENUMERATION[name].labels.get(value, value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return cells.as_text(value)

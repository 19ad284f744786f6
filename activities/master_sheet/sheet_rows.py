"""Reading one sheet of a master sheet into planned rows.

The header row is found in the sheet's first rows (its headers matched loosely), a
sheet named after a place gives its rows their place, and each cell is read with the
vocabulary matcher or its field's reader (``cells``); what cannot be read is the row's
error. Reading stops once too many errors are found.
"""

from django.conf import settings

from activities.directory.disclaimer import is_disclaimer
from activities.master_sheet import cells
from activities.master_sheet.layout import (
    CANONICAL_HEADER,
    HEADER_FIELDS,
    HEADER_ROWS_SEARCHED,
    LISTS_SHEET,
    REQUIRED,
)
from activities.master_sheet.plan_parts import PlannedRow, Problem, Result, SheetSummary
from activities.vocabulary.matching import UnknownValue
from activities.vocabulary.spelling import header_key
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


def sheet_plan(plan, lookups, sheet, seen):
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
        elif sheet_name == LISTS_SHEET:
            plan.skipped.append((sheet_name, "the template's lists of allowed values"))
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
        plan.report(len(plan.rows))
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

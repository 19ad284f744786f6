"""Which activity each planned row is: its identity, its match, and what renames settle.

A row's identity is what it serves, its organisation (after this import) and its name;
two rows of one file with one identity are an error. A row is the activity with its
published id, else (no id) the one with its identity (``row_match``); rows matched by
id may rename or move their activity, which ``rows_settle`` checks against the others.
"""

from activities.master_sheet.lookups import served_key
from activities.master_sheet.plan_parts import IdentifiedBy, Problem, Result, problem_adder
from activities.reference.coverage import Coverage, places_key
from activities.vocabulary.spelling import value_key


def rows_identify(plan, lookups):
    """Each row's identity (what it serves, its organisation after this import, its
    name); two rows of one file with the same identity are an error."""
    seen = {}
    problem = problem_adder(plan)
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


def _identify(planned, lookups):
    values = planned.values
    coverage, slugs = planned.place
    ids = [lookups.place_ids[slug] for slug in slugs]
    values["coverage"] = coverage
    values["place_id"] = ids[0] if coverage == Coverage.PLACE else None
    values["places"] = frozenset(ids) if coverage == Coverage.PLACES else frozenset()
    values["places_key"] = places_key(coverage, ids)
    served = served_key(coverage, values["place_id"], values["places_key"])
    # The organisation as ``organisations_resolve`` settled it: by id, else by name.
    planned.identity = (served, values["organisation_key"], value_key(values["name"]))
    planned.serves = lookups.serves_text(coverage, values["place_id"], values["places_key"])


def row_match(row, lookups):
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


def rows_settle(rows, lookups, plan):
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

"""Which organisation each master-sheet row names, and what the import does to organisations.

A row's *Organisation id* (``Organisation.uuid``, the API's organization id) says which
organisation it is before its name does:

- An id the directory knows **is** that organisation. When every row with the id gives
  it the same new name, the organisation is renamed (all its activities follow, in the
  sheet or not); when rows with the id disagree, the rows giving a name other than the
  organisation's own (all of them, if none gives its own) are errors naming each other.
  An Organisation cell left blank beside an id is an error (clear both for an informal
  group); a sheet without an Organisation column takes the organisation as it is.
- An id the directory does not know is a new organisation created **with that id** (a
  restore from an export), named by its rows, which must agree.
- A blank id, or no column: the organisation that has the row's name once this import's
  renames and new organisations are made, else a new organisation of that name (the
  rule before ids).

Names stay unique, ignoring case, spacing and punctuation: a rename or a new id onto a
name another organisation keeps, two ids given one name, and a row without an id naming
an organisation the sheet renames (by its old name) are errors. An id that is an
activity's published id (the columns mixed up) is an error too.

``organisations_resolve`` leaves on each row's values the organisation as the identity
compares it (``organisation_key``, after renames), its name and whether the row gives
one; on the plan, the renames and the organisations made with the sheet's ids.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from activities.vocabulary.spelling import value_key

ROWS_NAMED = 4


@dataclass
class NamedById:
    """An organisation the sheet names by its id: what it is called after the import."""

    uuid: UUID
    pk: int | None  # None: created by the import with this id
    key: str
    name: str
    rows: list = field(default_factory=list)


@dataclass
class Rename:
    pk: int
    uuid: UUID
    before: str
    after: str
    key: str


def organisations_resolve(rows, lookups, plan, problem):
    """Settle the organisations of ``rows`` (rows without errors so far).

    ``problem(row, column, value, reason, accepted)`` records an error on a row.
    """
    by_id = defaultdict(list)
    for row in rows:
        if row.values.get("organisation_uuid") is not None:
            by_id[row.values["organisation_uuid"]].append(row)
    published_ids = {row.values["uuid"] for row in rows if row.values.get("uuid") is not None}
    named = {}
    for organisation_id, group in by_id.items():
        entry = _named_by_id(organisation_id, group, lookups, published_ids, problem)
        if entry is not None:
            named[organisation_id] = entry
    renamed = {
        entry.pk: entry
        for entry in named.values()
        if entry.pk is not None and entry.key != lookups.organisation_keys[entry.pk]
    }
    holders = _holders(named, renamed, lookups, problem)
    final_keys = {
        pk: (renamed[pk].key if pk in renamed else key)
        for pk, key in lookups.organisation_keys.items()
    }
    old_keys = {
        lookups.organisation_keys[pk]: entry
        for pk, entry in renamed.items()
        if not any(row.problems for row in entry.rows)
    }
    for row in rows:
        values = row.values
        organisation_id = values.get("organisation_uuid")
        if organisation_id is not None:
            if row.problems:
                continue
            entry = named.get(organisation_id)
            if entry is not None:
                _row_settle(row, True, entry.key, entry.name)
                continue
            # Other rows with this id are the errors (they disagree, or give no name):
            # this one is the organisation as it is, or as the row names it.
            pk = lookups.organisation_by_uuid.get(organisation_id)
            if pk is None:
                name = values["organisation"]
                _row_settle(row, True, value_key(name), name)
            else:
                _row_settle(
                    row, True, lookups.organisation_keys[pk], lookups.organisation_names[pk]
                )
            continue
        name = values.get("organisation", "")
        key = value_key(name)
        if key in old_keys and key not in holders:
            entry = old_keys[key]
            problem(
                row,
                "organisation",
                name,
                f"is the old name of the organisation with id {entry.uuid}, which "
                f"{_rows_text(entry.rows)} rename “{entry.name}”",
                f"its new name, “{entry.name}”, or its id {entry.uuid} in the Organisation id "
                "column",
            )
            continue
        holder = holders.get(key)
        _row_settle(row, "organisation" in values, key, holder.name if holder else name)
    lookups.organisations_final(final_keys, set(holders))
    plan.organisation_renames = [
        Rename(pk, entry.uuid, lookups.organisation_names[pk], entry.name, entry.key)
        for pk, entry in renamed.items()
        if not any(row.problems for row in entry.rows)
    ]
    plan.organisations_with_ids = {
        entry.uuid: entry
        for entry in named.values()
        if entry.pk is None and not any(row.problems for row in entry.rows)
    }


def _row_settle(row, given, key, name):
    row.values["organisation_given"] = given
    row.values["organisation_key"] = key
    row.values["organisation_name"] = name


def _named_by_id(organisation_id, group, lookups, published_ids, problem):
    """The organisation ``group`` (the rows with this id) names, or None after its errors."""
    if organisation_id in lookups.by_uuid or organisation_id in published_ids:
        for row in group:
            problem(
                row,
                "organisation_uuid",
                str(organisation_id),
                "is an activity's published id, not an organisation's",
                "the organisation's id from the export's Organisation id column, or blank",
            )
        return None
    pk = lookups.organisation_by_uuid.get(organisation_id)
    current = lookups.organisation_keys.get(pk)
    failed = False
    by_key = defaultdict(list)
    for row in group:
        name = row.values.get("organisation", "")
        if name:
            by_key[value_key(name)].append(row)
        elif pk is None:
            failed = True
            problem(
                row,
                "organisation_uuid",
                str(organisation_id),
                "is not an organisation in this directory, and the row has no Organisation "
                "name to create it with",
                "the organisation's name in the Organisation column (it is created with "
                "this id), or both blank for an activity with no organisation",
            )
        elif "organisation" in row.values:
            failed = True
            problem(
                row,
                "organisation",
                "",
                f"is blank, but the row's Organisation id is “{lookups.organisation_names[pk]}”",
                "that organisation's name (or a new name for it), or both cells blank for an "
                "activity with no organisation",
            )
    if len(by_key) > 1:
        failed = True
        wrong = [key for key in by_key if key != current] if current in by_key else list(by_key)
        groups = "; ".join(
            f"“{rows[0].values['organisation']}” on {_rows_text(rows)}" for rows in by_key.values()
        )
        accepted = "one name on every row with this id"
        if pk is not None:
            accepted += f" (“{lookups.organisation_names[pk]}” keeps its name)"
        for key in wrong:
            for row in by_key[key]:
                problem(
                    row,
                    "organisation",
                    row.values["organisation"],
                    f"rows with the organisation id {organisation_id} give it different "
                    f"names: {groups}; it is renamed only when they all agree",
                    accepted,
                )
    if failed:
        return None
    if not by_key or (pk is not None and current in by_key):
        return NamedById(
            organisation_id, pk, current, lookups.organisation_names[pk], rows=list(group)
        )
    key, named_rows = next(iter(by_key.items()))
    return NamedById(organisation_id, pk, key, named_rows[0].values["organisation"], list(group))


def _holders(named, renamed, lookups, problem):
    """{name key: the organisation with that name after the import}; names held twice
    are errors on the rows that would do it."""
    holders = {}
    for key, pk in lookups.organisation_ids.items():
        if pk not in renamed:
            holders[key] = NamedById(
                lookups.organisation_uuids[pk], pk, key, lookups.organisation_names[pk]
            )
    for entry in named.values():
        if entry.pk is not None and entry.pk not in renamed:
            continue
        holder = holders.get(entry.key)
        if holder is None:
            holders[entry.key] = entry
            continue
        shown = f"“{holder.name}” (organisation id {holder.uuid})"
        for row in entry.rows:
            if not holder.rows and entry.pk is None:
                problem(
                    row,
                    "organisation_uuid",
                    str(entry.uuid),
                    f"is not an organisation in this directory, but {shown} has this row's "
                    "organisation name",
                    f"that organisation's id, {holder.uuid}, or blank to find it by name",
                )
            elif not holder.rows:
                problem(
                    row,
                    "organisation",
                    row.values["organisation"],
                    f"would rename the organisation with this row's Organisation id "
                    f"(“{lookups.organisation_names[entry.pk]}”) to the name of another, "
                    f"{shown}, which this sheet leaves as it is",
                    f"another name, or {holder.uuid} as the Organisation id to give the "
                    "activity to that organisation",
                )
            else:
                problem(
                    row,
                    "organisation",
                    row.values["organisation"],
                    f"{_rows_text(holder.rows)} give this name to another organisation, "
                    f"id {holder.uuid}",
                    "one name for one organisation: another name, or that organisation's id",
                )
    return holders


def _rows_text(rows):
    """“Leeds!2, Leeds!5 and 3 more rows”."""
    shown = [f"{row.sheet}!{row.row}" for row in rows[:ROWS_NAMED]]
    more = len(rows) - len(shown)
    text = ", ".join(shown)
    return f"{text} and {more} more rows" if more else text

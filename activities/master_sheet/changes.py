"""What a matched row changes in its activity (or that it is new), counted per sheet.

Only the columns a sheet has are compared; what serves and who runs it change only for
a row matched by its published id. The changes are shown as a person reads them
(``display``) in the admin's preview and the stored row results.
"""

from activities.master_sheet import cells
from activities.master_sheet.layout import COMPARED, SHARED_EXPERIENCE_SEPARATOR
from activities.master_sheet.plan_parts import IdentifiedBy, Result
from activities.vocabulary.terms import ENUMERATION

# New rows whose values the preview shows, per sheet (the preview lists the first 300
# new and changed rows; describing every row of a 50,000-row sheet would only slow it).
NEW_ROWS_DESCRIBED = 300


def row_compare(row, lookups, plan):
    existing = row.match
    summary = next(s for s in reversed(plan.sheets) if s.name == row.sheet)
    if existing is None:
        row.result = Result.NEW
        if summary.new < NEW_ROWS_DESCRIBED:
            row.changes = _new_values(row, lookups)
        _organisation_note(row, lookups, plan)
        _tally(summary, row)
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
    _tally(summary, row)


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


def _new_values(row, lookups):
    """A new row's values as the preview shows them ({field: ["", value]}, blanks left
    out), so a champion sees what each cell was read as before importing."""
    values = {}
    if row.values.get("organisation_name"):  # who runs it: the possible-duplicate check reads it
        values["organisation"] = ["", row.values["organisation_name"]]
    for name in [*COMPARED, "shared_experiences"]:
        if name in row.values:
            shown = display(name, row.values[name], lookups)
            if shown:
                values[name] = ["", shown]
    return values


def _tally(summary, row):
    """Count the row in its sheet's summary."""
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

"""The codebook as CSV (name, parent, description, source): export, and an import that
applies every row or none and says which row is wrong and why."""

import csv
import io
from typing import NamedTuple

from django.db import transaction

from interviews.models import Theme, ThemeSource
from scoping.shared.spreadsheets import csv_text, escape_formula, unescape_formula

HEADERS = ["name", "parent", "description", "source"]
# A source is written as its label ("WY&H interviews"); either the label or the stored
# value ("interviews") is read back, in any case.
SOURCES = {
    **{label.lower(): value for value, label in ThemeSource.choices},
    **{value: value for value in ThemeSource.values},
}


class Row(NamedTuple):
    number: int  # the line in the file
    name: str
    parent: str
    description: str
    source: str


class CodebookError(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def codebook_rows():
    """Parents first, then their children, each level by name."""
    themes = list(Theme.objects.select_related("parent").order_by("name"))
    children = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme)
    ordered = []

    def walk(parent_id):
        for theme in children.get(parent_id, []):
            ordered.append(theme)
            walk(theme.pk)

    walk(None)
    return ordered


def codebook_csv():
    """The codebook as CSV text, without a byte-order mark (the import reads either)."""
    rows = [
        [
            escape_formula(theme.name),
            escape_formula(theme.parent.name if theme.parent else ""),
            escape_formula(theme.description),
            theme.get_source_display(),
        ]
        for theme in codebook_rows()
    ]
    return csv_text([HEADERS, *rows], byte_order_mark=False)


def _read(text):
    reader = csv.DictReader(io.StringIO(text))
    try:
        headers = [(h or "").strip().lower() for h in reader.fieldnames or []]
        if "name" not in headers:
            raise CodebookError(
                ["The first row must hold the headers name, parent, description, source."]
            )
        reader.fieldnames = headers
        columns = set(headers)
        rows = []
        for number, row in enumerate(reader, start=2):
            rows.append(
                Row(
                    number,
                    unescape_formula((row.get("name") or "").strip()),
                    unescape_formula((row.get("parent") or "").strip()),
                    unescape_formula((row.get("description") or "").strip()),
                    (row.get("source") or "").strip(),
                )
            )
    except csv.Error as error:  # e.g. a cell longer than the csv module's limit
        raise CodebookError(
            [f"Line {reader.line_num}: this is not readable as CSV ({error})."]
        ) from None
    return rows, columns


def codebook_import(*, text):
    """Create or update themes by name from CSV text; returns (created, updated)."""
    rows, columns = _read(text)
    return codebook_apply(rows=rows, columns=columns)


@transaction.atomic
def codebook_apply(*, rows, columns, noun="Row", reason=None):
    """Create or update themes by name from ``rows``; returns (created, updated).

    A column left out of the file (parent, description, source) leaves that field of
    existing themes as it is; a new theme without a source is from the WY&H interviews.
    Problems name a row as ``noun`` and its number; ``reason`` is written to the history
    of each theme the file changes.
    """
    existing = {t.name.lower(): t for t in Theme.objects.select_related("parent")}
    parent_of = {key: (t.parent.name.lower() if t.parent else "") for key, t in existing.items()}
    problems, seen = [], {}
    for number, name, parent, _, source in rows:
        key = name.lower()
        if not name:
            problems.append(f"{noun} {number}: the theme has no name.")
            continue
        if len(name) > 200:
            problems.append(f"{noun} {number}: “{name[:40]}…” is longer than 200 characters.")
        if key in seen:
            problems.append(f"{noun} {number}: “{name}” is already on {noun.lower()} {seen[key]}.")
        seen[key] = number
        if "parent" in columns:
            parent_of[key] = parent.lower()
        if source and source.lower() not in SOURCES:
            allowed = ", ".join(f"“{label}”" for label in ThemeSource.labels)
            problems.append(f"{noun} {number}: the source “{source}” is not one of {allowed}.")
    for number, _name, parent, *_ in rows:
        if parent and parent.lower() not in seen and parent.lower() not in existing:
            problems.append(
                f"{noun} {number}: the parent “{parent}” is neither in the codebook nor in the file."
            )
    # The codebook as the file would leave it, as unsaved themes (no query), to walk up.
    planned = {key: Theme(name=key) for key in parent_of}
    for key, parent in parent_of.items():
        planned[key].parent = planned.get(parent)
    for number, name, *_ in rows:
        theme = planned.get(name.lower())
        if theme is not None and theme.parent is not None and theme.parent.is_within(theme):
            problems.append(f"{noun} {number}: “{name}” would sit under itself.")
    if problems:
        raise CodebookError(problems)

    created = updated = 0
    themes = dict(existing)
    # Saved only when something changed, so re-importing a codebook adds no history.
    before = {key: (t.parent_id, t.description, t.source) for key, t in existing.items()}
    for row in rows:
        theme = themes.get(row.name.lower())
        source = SOURCES[row.source.lower()] if row.source else None
        if theme is None:
            theme = Theme(
                name=row.name,
                description=row.description,
                source=source or ThemeSource.INTERVIEWS,
            )
            theme._change_reason = reason
            theme.save()
            themes[row.name.lower()] = theme
            before[row.name.lower()] = (None, theme.description, theme.source)  # as created
            created += 1
        else:
            if "description" in columns:
                theme.description = row.description
            if source:  # a blank source, like a missing column, leaves it as it is
                theme.source = source
            updated += 1
    for row in rows:
        theme = themes[row.name.lower()]
        if "parent" in columns:
            theme.parent = themes[row.parent.lower()] if row.parent else None
        if before[row.name.lower()] != (theme.parent_id, theme.description, theme.source):
            theme._change_reason = reason
            theme.save()
    return created, updated

"""Counts of excerpts and interviews per theme, by place, sector, role and paid or
volunteer, in SQL, grouped by parent theme.

A parent's total counts each excerpt and interview once across the parent and its
children (the codebook has two levels; a deeper theme counts in its own parent's
group). Only interviews whose consent holds are counted. On the page, themes with
nothing coded are folded away, listed by name.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.db.models.functions import Coalesce

from activities.models import Place
from activities.vocabulary.terms import Sector
from interviews.models import Excerpt, ParticipantRole, Theme, consent_holds, final_coding
from scoping.shared.spreadsheets import escape_formula, xlsx_bytes

PARTICIPANT = "excerpt__interview__participant__"
DIMENSIONS = {
    "place": ("Place", PARTICIPANT + "place__name"),
    "sector": ("Sector", PARTICIPANT + "sector"),
    "role": ("Role", PARTICIPANT + "role"),
    "paid": ("Paid or volunteer", PARTICIPANT + "paid"),
}
ZERO = (0, 0)


def _columns(dimension):
    if dimension == "place":
        return [
            (name, name) for name in Place.objects.order_by("name").values_list("name", flat=True)
        ]
    if dimension == "paid":
        return [(True, "Paid"), (False, "Volunteer")]
    return list(Sector.choices if dimension == "sector" else ParticipantRole.choices)


@dataclass
class Row:
    theme: Theme
    cells: list
    total: tuple
    label: str = ""

    @property
    def is_zero(self):
        return self.total == ZERO


@dataclass
class Group:
    """A parent theme: its total row, its own row, and its children's rows."""

    parent: Row
    own: Row
    children: list = field(default_factory=list)

    @property
    def shown_children(self):
        return [row for row in self.children if not row.is_zero]

    @property
    def zero_themes(self):
        rows = [self.own, *self.children] if self.children else [self.own]
        return [row.theme for row in rows if row.is_zero]


def _counts(field_name, group_by, research_round):
    """{(key, column value): (excerpts, interviews)} in one query, of one research round
    (every round's when ``None``)."""
    through = Excerpt.themes.through.objects.filter(
        consent_holds("excerpt__interview__") & final_coding("excerpt__")
    )
    if research_round is not None:
        through = through.filter(excerpt__interview__participant__round=research_round)
    rows = (
        through.annotate(key=group_by)
        .values("key", field_name)
        .annotate(
            excerpts=Count("excerpt_id", distinct=True),
            interviews=Count("excerpt__interview_id", distinct=True),
        )
        .order_by()
    )
    return {(row["key"], row[field_name]): (row["excerpts"], row["interviews"]) for row in rows}


def _row(theme, counts, columns, label=""):
    cells = [counts.get((theme.pk, value), ZERO) for value, _ in columns]
    total = (sum(c[0] for c in cells), sum(c[1] for c in cells))
    return Row(theme=theme, cells=cells, total=total, label=label or theme.name)


def theme_matrix(dimension, themes, research_round=None):
    """One table: per parent theme a group of rows, per column (excerpts, interviews)."""
    title, field_name = DIMENSIONS[dimension]
    columns = _columns(dimension)
    by_theme = _counts(field_name, F("theme_id"), research_round)
    by_group = _counts(field_name, Coalesce("theme__parent_id", "theme_id"), research_round)
    children = {}
    for theme in themes:
        if theme.parent_id is not None:
            children.setdefault(theme.parent_id, []).append(theme)
    groups = []
    for theme in themes:
        if theme.parent_id is not None:
            continue
        kids = children.get(theme.pk, [])
        own = _row(theme, by_theme, columns)
        parent = _row(theme, by_group, columns, label=f"{theme.name}: all") if kids else own
        groups.append(
            Group(parent=parent, own=own, children=[_row(k, by_theme, columns) for k in kids])
        )
    return {
        "key": dimension,
        "title": title,
        "columns": [label for _, label in columns],
        "groups": groups,
        "shown": [g for g in groups if not g.parent.is_zero],
        "zero_themes": [t for g in groups for t in g.zero_themes],
    }


def theme_matrices(research_round=None):
    """Every dimension's table, counting one research round (every round's when ``None``)."""
    themes = list(Theme.objects.select_related("parent").order_by("name"))
    return [theme_matrix(dimension, themes, research_round) for dimension in DIMENSIONS]


def _matrix_rows(matrix):
    header = ["Theme", "Parent theme"]
    for label in [*matrix["columns"], "Total"]:
        header += [f"{label}: excerpts", f"{label}: interviews"]
    yield header

    def line(row, parent=""):
        values = [escape_formula(row.label), escape_formula(parent)]
        for excerpts, interviews in [*row.cells, row.total]:
            values += [excerpts, interviews]
        return values

    for group in matrix["groups"]:
        if group.children:
            yield line(group.parent)
        yield line(group.own)
        for child in group.children:
            yield line(child, group.own.theme.name)


def theme_matrix_workbook(research_round=None):
    """A sheet per dimension (place, sector, role, paid or volunteer): the .xlsx bytes."""
    return xlsx_bytes(
        {
            f"By {matrix['title'].lower()}": _matrix_rows(matrix)
            for matrix in theme_matrices(research_round)
        }
    )

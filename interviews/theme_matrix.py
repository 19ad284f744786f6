"""Counts of excerpts and interviews per theme, by place, sector and role, in SQL."""

from django.db.models import Count

from activities.models import Place
from activities.vocabulary import Sector
from scoping.spreadsheets import escape_formula, xlsx_bytes

from .models import Excerpt, ParticipantRole, Theme

PARTICIPANT = "excerpt__interview__participant__"
DIMENSIONS = {
    "place": ("Place", PARTICIPANT + "place__name"),
    "sector": ("Sector", PARTICIPANT + "sector"),
    "role": ("Role", PARTICIPANT + "role"),
}


def _columns(dimension):
    if dimension == "place":
        return [
            (name, name) for name in Place.objects.order_by("name").values_list("name", flat=True)
        ]
    choices = Sector.choices if dimension == "sector" else ParticipantRole.choices
    return list(choices)


def theme_matrix(dimension):
    """One table: a row per theme, per column the (excerpts, interviews) counts."""
    title, field = DIMENSIONS[dimension]
    columns = _columns(dimension)
    counts = {
        (row["theme_id"], row[field]): (row["excerpts"], row["interviews"])
        for row in Excerpt.themes.through.objects.values("theme_id", field).annotate(
            excerpts=Count("excerpt_id", distinct=True),
            interviews=Count("excerpt__interview_id", distinct=True),
        )
    }
    rows = []
    for theme in Theme.objects.order_by("name").only("name"):
        cells = [counts.get((theme.pk, value), (0, 0)) for value, _ in columns]
        total = (sum(c[0] for c in cells), sum(c[1] for c in cells))
        rows.append({"theme": theme, "cells": cells, "total": total})
    return {
        "key": dimension,
        "title": title,
        "columns": [label for _, label in columns],
        "rows": rows,
    }


def theme_matrices():
    return [theme_matrix(dimension) for dimension in DIMENSIONS]


def _matrix_rows(matrix):
    header = ["Theme"]
    for label in [*matrix["columns"], "Total"]:
        header += [f"{label}: excerpts", f"{label}: interviews"]
    yield header
    for row in matrix["rows"]:
        values = [escape_formula(row["theme"].name)]
        for excerpts, interviews in [*row["cells"], row["total"]]:
            values += [excerpts, interviews]
        yield values


def theme_matrix_workbook():
    """A sheet per dimension (place, sector, role): the bytes of the .xlsx file."""
    return xlsx_bytes({f"By {matrix['key']}": _matrix_rows(matrix) for matrix in theme_matrices()})

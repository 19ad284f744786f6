"""Activities written out in the master sheet's layout: one writer for every export.

The master-sheet export (command and admin) writes one sheet per place
(named after it), then "Several places" and "WY&H wide" sheets, or one
"Activities" sheet; every row's Place cell says what it serves ("Leeds",
"Leeds; Wakefield", "WY&H wide"). The directory's CSV and XLSX
downloads write its current results, in its order, as one sheet. Every file
has the canonical headers, Place column included, and every row its
activity's published id (``Activity.uuid``) and its organisation's
(``Organisation.uuid``), so it imports back unchanged, into this directory or an
empty one, with the same ids. Every file carries the study's disclaimer first (``disclaimer``):
a first sheet of a workbook, the first line of a CSV file; the importer skips
both. Text a spreadsheet would run as a formula is escaped
(``scoping.shared.spreadsheets``). Three queries, or three per 900 activities named by pk;
workbooks are written streaming (openpyxl write-only).
"""

import io
import re
from types import SimpleNamespace
from typing import NamedTuple

import openpyxl

from activities.directory.disclaimer import disclaimer_sheet_add
from activities.master_sheet.cells import yes_no_text
from activities.master_sheet.layout import COLUMNS, HEADERS, SHARED_EXPERIENCE_SEPARATOR
from activities.models import Activity, Place, SharedExperience
from activities.vocabulary.terms import ENUMERATION
from scoping.shared.spreadsheets import csv_lines, escape_formula

ONE_SHEET_TITLE = "Activities"
_NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name):
    """Excel refuses some characters in sheet names and more than 31 of them."""
    return _NOT_IN_SHEET_TITLES.sub(" ", name)[:31].strip() or "Sheet"


def _reader(field):
    """A function (activity, its shared experiences' names, its places' names) -> the cell."""
    if field in ENUMERATION:
        labels = ENUMERATION[field].labels
        return lambda activity, _names, _places: labels.get(
            getattr(activity, field), getattr(activity, field)
        )
    if field == "place":
        return lambda activity, _names, place_names: activity.serves_text(place_names)
    if field == "organisation":
        return lambda activity, _names, _places: (
            activity.organisation.name if activity.organisation else ""
        )
    if field == "shared_experiences":
        return lambda _activity, names, _places: SHARED_EXPERIENCE_SEPARATOR.join(sorted(names))
    if field == "uuid":
        return lambda activity, _names, _places: str(activity.uuid)
    if field == "organisation_uuid":
        return lambda activity, _names, _places: (
            str(activity.organisation.uuid) if activity.organisation else ""
        )
    if field in ("online", "self_described_peer_support"):
        return lambda activity, _names, _places: yes_no_text(getattr(activity, field))
    return lambda activity, _names, _places: getattr(activity, field)


_READERS = [_reader(field) for _, field in COLUMNS]


def activity_cells(activity, shared_experience_names, place_names=None):
    """One activity as export cells, in ``COLUMNS`` order.

    ``activity`` needs ``place`` and ``organisation`` loaded;
    ``shared_experience_names`` is the list of its shared experiences' names
    and ``place_names`` those of a several-place activity's places (passed in
    so callers can fetch them for many activities in one query each).
    """
    return [
        escape_formula(read(activity, shared_experience_names, place_names)) for read in _READERS
    ]


# What a row is read from: the activity's own columns, and its place's and organisation's.
_DERIVED = {"place", "organisation", "shared_experiences", "organisation_uuid"}
_OWN_FIELDS = ["pk", "coverage", "place_id"]
_OWN_FIELDS += [field for _, field in COLUMNS if field not in _DERIVED]
_VALUES = [*_OWN_FIELDS, "place__name", "organisation__name", "organisation__uuid"]


class ExportRow:
    """An activity as the export reads it: its values and its place's and organisation's,
    read with ``values_list`` rather than built as three model instances per row (which
    was two thirds of a large export's time). It answers what ``activity_cells`` and a
    ``sheet_for`` ask of an activity."""

    serves_text = Activity.serves_text

    def __init__(self, values):
        for field, value in zip(_OWN_FIELDS, values, strict=False):
            setattr(self, field, value)
        place_name, organisation_name, organisation_uuid = values[-3:]
        self.place = SimpleNamespace(name=place_name) if self.place_id else None
        self.organisation = (
            SimpleNamespace(name=organisation_name, uuid=organisation_uuid)
            if organisation_name is not None
            else None
        )


PKS_PER_QUERY = 900  # under SQLite's oldest limit of 999 parameters a query


class Named(NamedTuple):
    """Activities named by pk in the order wanted, with the ``FacetIndex`` that named
    them, which also holds their places and shared experiences: the directory names its
    results so, which spares the database their filters and sort."""

    pks: list
    index: object


def _rows(activities):
    """(row, its shared experiences' names, its places' names) in order, where
    ``activities`` is a queryset (three queries in all) or ``Named`` (one query per
    ``PKS_PER_QUERY`` rows, and one each for the places' and experiences' names)."""
    if not isinstance(activities, Named):
        names = activities.shared_experience_names()
        places = activities.shared_place_names()
        for values in activities.values_list(*_VALUES).iterator(chunk_size=2000):
            row = ExportRow(values)
            yield row, names.get(row.pk, []), places.get(row.pk, [])
        return
    place_names = dict(Place.objects.values_list("pk", "name"))
    experience_names = dict(SharedExperience.objects.values_list("pk", "name"))
    for start in range(0, len(activities.pks), PKS_PER_QUERY):
        wanted = activities.pks[start : start + PKS_PER_QUERY]
        found = {v[0]: v for v in Activity.objects.with_pks(wanted).values_list(*_VALUES)}
        links = activities.index.links_of_many(wanted)
        for pk in wanted:
            if pk not in found or pk not in links:  # deleted since the index was read
                continue
            served, shared = links[pk]
            yield (
                ExportRow(found[pk]),
                [experience_names[e] for e in shared if e in experience_names],
                [place_names[p] for p in served if p in place_names],
            )


def activities_with_cells(activities):
    """(row, cells) per activity of ``activities`` (a queryset or pks in order, see
    ``_rows``). Each row is an ``ExportRow`` (the activity's values), not a model instance.
    """
    for row, names, places in _rows(activities):
        yield row, activity_cells(row, names, places)


def workbook_write(file, activities, *, sheet_for=None):
    """Write ``activities`` as a workbook to ``file``; return how many were written.

    ``sheet_for(activity)`` names the sheet each activity goes on (one
    "Activities" sheet by default); each sheet starts with the headers.
    """
    workbook = openpyxl.Workbook(write_only=True)
    disclaimer_sheet_add(workbook)
    sheets = {}
    count = 0
    for activity, cells in activities_with_cells(activities):
        title = sheet_for(activity) if sheet_for else ONE_SHEET_TITLE
        sheet = sheets.get(title)
        if sheet is None:
            sheet = sheets[title] = workbook.create_sheet(title)
            sheet.append(HEADERS)
        sheet.append(cells)
        count += 1
    if not sheets:
        workbook.create_sheet(ONE_SHEET_TITLE).append(HEADERS)
    workbook.save(file)
    return count


def master_sheet_export(*, file, one_sheet=False, activities=None):
    """Write the master sheet to ``file`` (a binary file object); return the activity count.

    ``activities`` narrows the export (an ``Activity`` queryset); all by
    default. Rows are ordered by place, then name.
    """
    queryset = activities if activities is not None else Activity.objects.all()
    queryset = queryset.order_by("coverage", "place__name", "places_key", "name", "pk")
    sheet_for = None if one_sheet else _sheet_for
    return workbook_write(file, queryset, sheet_for=sheet_for)


SEVERAL_PLACES_SHEET = "Several places"


def _sheet_for(activity):
    """A place's activities on its own sheet; several-place ones together; the region's as "WY&H wide"."""
    if activity.coverage == Activity.Coverage.PLACES:
        return SEVERAL_PLACES_SHEET
    return sheet_title(activity.serves_text())


def directory_xlsx(activities):
    """The directory's results as .xlsx bytes: one sheet with a Place column, in their order
    (``activities``: a queryset or pks in order)."""
    buffer = io.BytesIO()
    workbook_write(buffer, activities)
    return buffer.getvalue()


def directory_csv(activities):
    """The directory's results as CSV text, line by line (UTF-8 with a byte-order mark;
    ``activities``: a queryset or pks in order).

    The first line is the header row, as Excel, pandas and R expect; the disclaimer is
    beside the download link and on its own first sheet in the XLSX.
    """

    def rows():
        yield HEADERS
        for _activity, cells in activities_with_cells(activities):
            yield cells

    return csv_lines(rows())

"""The report's tables as rows, and as CSV files or one XLSX workbook.

The page and the exports read the same ``Report``, so they show the same numbers.
"""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from activities.directory.disclaimer import disclaimer_rows, disclaimer_sheet_add
from interviews.disclosure.control import SUPPRESSED
from reports.figures.tables import ACTIVITIES, percent
from scoping.shared.spreadsheets import csv_text, escape_formula

PLACES = "places"
AS_AT = "Figures as at"
RATES_CAVEAT = (
    "Rates count each place's own activities (serving it alone, as the study counted them); "
    "the region's counts every activity once. They compare the coverage the scoping found, "
    "not the provision: the populations come from different years and sources, and the "
    "search effort differed between places."
)
INTERVIEW_NOTE = (
    "Each person interviewed counts once; the activity options do not apply to interviews; "
    f"counts of 1 or 2, and figures from which they could be worked out, are '{SUPPRESSED}'."
)


def places_table(report):
    headers = [
        "Place",
        "Activities serving it alone",
        "Also shared with other places",
        "Also region-wide",
        "Population",
        "Population source",
        "Activities per 100,000 people",
        "% of the region's activities",
    ]
    rows = [
        [
            f.place.name,
            f.own,
            f.shared,
            f.region_wide,
            f.place.population,
            _population_source(f.place),
            f.per_100k,
            f.share,
        ]
        for f in report.places
    ]
    rows.append(
        [
            "Region (every activity once)",
            report.region_total,
            None,
            None,
            report.region_population,
            "The places added together",
            report.region_per_100k,
            percent(report.region_total, report.region_total),
        ]
    )
    return headers, rows


def _population_source(place):
    note = getattr(place, "population_note", "")
    return f"{place.population_source}: {note}" if note else place.population_source


def _shown(value):
    """A figure of a breakdown, or "not shown" where small-number protection hides it."""
    return SUPPRESSED if value is None else value


def breakdown_table(report, breakdown):
    counted = breakdown.plural.capitalize()
    if breakdown.compared:
        where = report.place.name
        here = f"in {where}"
        if breakdown.section == ACTIVITIES:
            here = f"serving {where}" + ("" if report.include_shared else " alone")
        headers = [
            breakdown.title,
            f"{counted} {here}",
            f"% {here}",
            f"{counted} in the region",
            "% in the region",
            *(f"{header} in {where}" for header in breakdown.extra_headers),
        ]
        rows = [
            [r.label, r.count, r.percent, r.region_count, r.region_percent, *r.extras]
            for r in breakdown.rows
        ]
    else:
        headers = [breakdown.title, counted, f"% of {breakdown.plural}", *breakdown.extra_headers]
        rows = [[r.label, r.count, r.percent, *r.extras] for r in breakdown.rows]
    return headers, [[row[0], *(_shown(v) for v in row[1:])] for row in rows]


def tables(report):
    """{table key: (title, headers, rows)} for every table on the page, in page order."""
    result = {}
    if report.place is None:
        result[PLACES] = ("Places", *places_table(report))
    for breakdown in report.breakdowns:
        result[breakdown.key] = (breakdown.title, *breakdown_table(report, breakdown))
    return result


def _cell(value):
    return escape_formula(value) if isinstance(value, str) else value


def as_at_text(computed_at):
    """When a report's figures were counted, as its downloads state it."""
    if computed_at is None:
        return ""
    return timezone.localtime(computed_at).strftime("%Y-%m-%d %H:%M %Z")


def table_csv_text(headers, rows, *, as_at=None):
    """One table as CSV text after the study's disclaimer, without a byte-order mark.

    Empty cells stay empty. With ``as_at``, a blank line and "Figures as at,
    <date and time>" follow the table.
    """
    lines = [
        *disclaimer_rows(),
        [_cell(h) for h in headers],
        *([_cell(v) for v in row] for row in rows),
    ]
    if as_at is not None:
        lines += [[], [AS_AT, as_at_text(as_at)]]
    return csv_text(lines, byte_order_mark=False)


def _numeric(value):
    """Decimals as floats so a spreadsheet sums them; text escaped against formulas."""
    if value is None or isinstance(value, int | float):
        return value
    if isinstance(value, str):
        return escape_formula(value)
    return float(value)


def workbook_bytes(report):
    """One workbook: the study's disclaimer, a summary sheet, then a sheet per table of the page."""
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    bold = Font(bold=True)
    summary.append([_numeric(f"Peer support activities: {report.title}")])
    summary["A1"].font = bold
    summary.append(["Counted", report.options.describe()])
    summary.append(["Exported", timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    summary.append([AS_AT, as_at_text(report.computed_at)])
    summary.append(["Activities", report.total])
    if report.place is not None:
        summary.append([f"Serving {report.place.name} alone", report.own_total])
    summary.append(["Population", report.population])
    summary.append(["Activities per 100,000 people", _numeric(report.per_100k)])
    if report.place is not None:
        summary.append(["% of the region's activities", _numeric(report.share_of_region)])
    summary.append(
        ["Note", "A picture of the peer support visible when it was scoped; not exhaustive."]
    )
    summary.append(["Serving one place (alone)", report.coverages.one_place])
    summary.append(["Shared by several places", report.coverages.several_places])
    summary.append(["Region-wide", report.coverages.region_wide])
    summary.append(["Rates per 100,000", RATES_CAVEAT])
    for place in report.population_places:
        note = getattr(place, "population_note", "")
        summary.append(
            [
                f"Population: {place.name}",
                f"{place.population} ({place.population_source})" + (f": {note}" if note else ""),
            ]
        )
    summary.append(["Participants interviewed", _shown(report.interviewed)])
    if report.place is not None:
        summary.append(
            ["Participants interviewed in the region", _shown(report.region_interviewed)]
        )
    summary.append(["Interviews", INTERVIEW_NOTE])
    if report.highlights:
        summary.append([])
        summary.append(["Highlights"])
        for highlight in report.highlights:
            summary.append(["", _numeric(highlight.text)])
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 70
    for title, headers, rows in tables(report).values():
        sheet = book.create_sheet(title[:31])
        sheet.append([_numeric(h) for h in headers])
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append([_numeric(v) for v in row])
        sheet.column_dimensions["A"].width = 40
    disclaimer_sheet_add(book, index=0)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

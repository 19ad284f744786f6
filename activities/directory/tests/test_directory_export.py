"""Exports hold exactly the filtered rows, in the master sheet's layout, formulas escaped.

The round trip through the importer (export, re-import, every row "unchanged")
belongs beside the importer, which lives on another branch; here the cells are
checked against ``activity_cells``, the layout both share.
"""

import csv
import io

import pytest
from django.http import QueryDict
from openpyxl import load_workbook

from activities.directory.disclaimer import DISCLAIMER, DISCLAIMER_SHEET
from activities.directory.filters import directory_filters
from activities.master_sheet.export import activity_cells, directory_csv
from activities.master_sheet.layout import HEADERS
from activities.models import Activity
from activities.tests.directory_data import make_directory
from activities.tests.factories import make_activity, make_shared_activity

pytestmark = pytest.mark.django_db


def expected_rows(**subset):
    rows = []
    for activity in Activity.objects.filter(**subset).order_by("name", "pk"):
        names = [e.name for e in activity.shared_experiences.all()]
        rows.append(activity_cells(activity, names))
    return rows


def as_text(rows):
    return [["" if cell is None else str(cell) for cell in row] for row in rows]


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADERS  # the header row first, so spreadsheets and pandas read columns
    assert [DISCLAIMER] not in rows  # it is beside the download link and in the XLSX
    return rows


def read_xlsx(response):
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames[0] == DISCLAIMER_SHEET
    assert next(book.worksheets[0].iter_rows(values_only=True)) == (DISCLAIMER,)
    return [list(row) for row in book.worksheets[1].iter_rows(values_only=True)]


def test_the_csv_holds_the_filtered_rows_in_the_master_sheet_layout(client_for, analyst):
    make_directory()
    response = client_for(analyst).get("/activities/export.csv?place=leeds")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="activities-' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header == HEADERS
    assert rows == as_text(expected_rows(place__slug="leeds"))
    assert [row[0] for row in rows] == ["Armley Walk and Talk", "Leeds Online Forum"]


def test_the_xlsx_holds_the_filtered_rows_in_the_master_sheet_layout(client_for, analyst):
    make_directory()
    response = client_for(analyst).get(
        "/activities/export.xlsx?shared_experience=anxiety&shared_experience=depression"
    )
    assert response.status_code == 200
    header, *rows = read_xlsx(response)
    assert list(header) == HEADERS
    # Excel gives dates back as datetimes and blank cells as None.
    shown = [
        ["" if cell is None else cell.date() if hasattr(cell, "date") else cell for cell in row]
        for row in rows
    ]
    expected = [
        ["" if cell is None else cell for cell in row]
        for row in expected_rows(pk__in=Activity.objects.filter(shared_experiences__slug="anxiety"))
    ]
    assert shown == expected
    assert [row[0] for row in shown] == ["Armley Walk and Talk", "Keighley Peer Support Group"]
    assert shown[1][HEADERS.index("Shared experience")] == "Anxiety; Depression"


def test_formulas_are_escaped(client_for, analyst):
    make_directory()
    client = client_for(analyst)
    contact = HEADERS.index("Contact")
    _header, *rows = read_csv(client.get("/activities/export.csv?q=forum"))
    assert rows[0][contact] == "'=cmd|' /C calc'!A0"
    _header, *rows = read_xlsx(client.get("/activities/export.xlsx?q=forum"))
    assert rows[0][contact] == "'=cmd|' /C calc'!A0"


def test_an_export_with_an_invalid_value_goes_to_the_list_which_says_why(client_for, analyst):
    make_directory()
    response = client_for(analyst).get("/activities/export.csv?place=narnia", follow=True)
    assert response.redirect_chain == [("/activities/?place=narnia", 302)]
    assert "“narnia” is not a place the directory knows." in response.content.decode()


def test_the_list_links_to_exports_of_the_same_results(client_for, analyst):
    make_directory()
    page = client_for(analyst).get("/activities/?place=leeds&sector=nhs&page=1").content.decode()
    assert 'href="/activities/export.csv?place=leeds&amp;sector=nhs"' in page
    assert 'href="/activities/export.xlsx?place=leeds&amp;sector=nhs"' in page


def test_an_export_reads_shared_experiences_in_one_query(
    client_for, analyst, django_assert_num_queries
):
    make_directory()
    client = client_for(analyst)
    client.get("/activities/")  # the session and permissions are read before counting
    # session, user, permissions, places, taxonomy, the count (a large export is a
    # job: test_export_jobs.py), names, shared places, rows
    with django_assert_num_queries(9):
        read_csv(client.get("/activities/export.csv"))


def test_filtered_exports_named_by_the_facet_index_hold_what_the_query_gives(client_for, analyst):
    """A filtered export in name order reads its rows by pk, with their places and shared
    experiences from the facet index: the same cells as reading the filtered query."""
    make_directory()
    make_shared_activity(
        "Across Two Places", places=("leeds", "wakefield"), experiences=("carers", "anxiety")
    )
    make_shared_activity("Region Wide Line", experiences=("depression",), organisation="Mind")
    make_activity("Wakefield Only", place="wakefield", experiences=())
    client = client_for(analyst)
    for query in ["place=leeds", "place=wakefield", "shared_experience=anxiety", "sector=nhs"]:
        _header, *rows = read_csv(client.get(f"/activities/export.csv?{query}"))
        filters = directory_filters(QueryDict(query))
        assert filters.page_ids() is not None  # the index names these rows
        expected = list(csv.reader(io.StringIO("".join(directory_csv(filters.results())))))
        assert rows == expected[1:], query
    _header, *rows = read_csv(client.get("/activities/export.csv?place=wakefield"))
    serves = {row[0]: row[HEADERS.index("Place")] for row in rows}
    assert serves["Across Two Places"] == "Leeds; Wakefield"
    assert serves["Region Wide Line"] == "WY&H wide"
    shared = {row[0]: row[HEADERS.index("Shared experience")] for row in rows}
    assert shared["Across Two Places"] == "Anxiety; Carers"
    assert shared["Wakefield Only"] == ""


def test_a_filtered_export_takes_a_query_per_900_rows(
    client_for, analyst, django_assert_num_queries
):
    make_directory()
    client = client_for(analyst)
    client.get("/activities/?place=leeds")  # the session, permissions and index are read
    # session, user, permissions, places, taxonomy, data version; the facet index's
    # six (the tests' cache keeps nothing); then the places' and shared experiences'
    # names, and the rows by pk (one query per 900 rows)
    with django_assert_num_queries(15):
        read_csv(client.get("/activities/export.csv?place=leeds"))

import csv
import io
import re
from html import unescape

import pytest
from openpyxl import load_workbook

from activities.directory.disclaimer import DISCLAIMER
from activities.models import Place
from activities.vocabulary.terms import Sector
from reports.models import Highlight
from reports.tests.dataset import make_known_activities
from reports.tests.interview_dataset import WORKER, add_participant, make_known_interviews, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client_for, analyst):
    return client_for(analyst)


def read_csv(response):
    assert response.status_code == 200, response.content.decode()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [DISCLAIMER]  # every download starts with the study's disclaimer
    # and ends with a blank line and when its figures were counted.
    assert rows[-2] == [] and rows[-1][0] == "Figures as at", rows[-2:]
    return rows[1:-2]


def test_a_place_table_downloads_with_the_pages_numbers(client):
    make_known_activities()
    response = client.get("/reports/leeds/delivery_model.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="peer-support-leeds-delivery_model.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == [
        "Primary model of delivery",
        "Activities serving Leeds alone",
        "% serving Leeds alone",
        "Activities in the region",
        "% in the region",
    ]
    assert rows[1:4] == [
        ["Support group", "2", "66.7", "2", "50.0"],
        ["Activity group", "1", "33.3", "1", "25.0"],
        ["One to one", "0", "0.0", "1", "25.0"],
    ]
    assert len(rows) == 1 + 7


def test_the_places_table_downloads_with_rates_and_shares(client):
    make_known_activities()
    rows = read_csv(client.get("/reports/places.csv"))
    by_place = {row[0]: row for row in rows[1:]}
    assert rows[0][1:4] == [
        "Activities serving it alone",
        "Also shared with other places",
        "Also region-wide",
    ]
    assert by_place["Leeds"] == [
        "Leeds",
        "3",
        "0",
        "0",
        "818085",
        "ONS mid-year estimate, published June 2019",
        "0.4",
        "75.0",
    ]
    assert by_place["Calderdale"][1:] == [
        *("0", "0", "0", "210100", "ONS, published June 2018", "0.0", "0.0")
    ]
    assert by_place["Region (every activity once)"] == [
        "Region (every activity once)",
        "4",
        "",
        "",
        "2474920",
        "The places added together",
        "0.2",
        "100.0",
    ]


def test_the_export_follows_the_options(client):
    make_known_activities()
    rows = read_csv(client.get("/reports/status.csv?status=active"))
    assert rows[1:] == [["Active", "3", "100.0"], ["Closed", "0", "0.0"], ["Unknown", "0", "0.0"]]


def test_bad_options_or_tables_are_refused_with_a_message(client):
    response = client.get("/reports/leeds/sector.csv?status=maybe")
    assert response.status_code == 400
    assert "status: Choose which activities to count" in response.content.decode()
    assert client.get("/reports/leeds/report.xlsx?scoped_to=soon").status_code == 400
    assert client.get("/reports/leeds/places.csv").status_code == 404
    assert client.get("/reports/favourites.csv").status_code == 404
    assert client.get("/reports/york/sector.csv").status_code == 404


def test_the_workbook_has_a_sheet_per_table_with_the_pages_numbers(client):
    make_known_activities()
    Highlight.objects.create(place=None, order=1, text="=HYPERLINK(evil)")
    release()
    response = client.get("/reports/report.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="peer-support-region.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Disclaimer",
        "Summary",
        "Places",
        "Primary model of delivery",
        "Sector",
        "Main focus",
        "Funding type",
        "Status",
        "Delivered by paid or volunteers",
        "Shared experience",
        "Participants by sector",
        "Participants by role",
        "Participants paid or volunteer",
        "Most frequent themes",
    ]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Activities"] == 4
    assert summary["Activities per 100,000 people"] == 0.2
    assert summary["Counted"] == (
        "All activities, whenever scoped; "
        "a place's figures count the activities serving it alone, as the study did"
    )
    texts = [row[1] for row in book["Summary"].iter_rows(values_only=True)]
    assert "'=HYPERLINK(evil)" in texts
    places = {row[0]: row for row in book["Places"].iter_rows(min_row=2, values_only=True)}
    assert places["Leeds"][1:] == (
        3,
        0,
        0,
        818085,
        "ONS mid-year estimate, published June 2019",
        0.4,
        75.0,
    )
    assert places["Kirklees"][1] == 0 and places["Kirklees"][6] == 0.0
    sector = list(book["Sector"].iter_rows(values_only=True))
    assert sector[0] == ("Sector", "Activities", "% of activities")
    assert sector[1] == ("Third Sector", 2, 50.0)


def test_a_place_workbook_compares_with_the_region(client):
    make_known_activities()
    book = load_workbook(io.BytesIO(client.get("/reports/leeds/report.xlsx").content))
    assert "Places" not in book.sheetnames
    shared = list(book["Shared experience"].iter_rows(values_only=True))
    assert shared[0][1:] == (
        "Activities serving Leeds alone",
        "% serving Leeds alone",
        "Activities in the region",
        "% in the region",
    )
    assert shared[1] == ("General mental health", 2, 66.7, 2, 50.0)
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["% of the region's activities"] == 75.0
    assert book["Summary"]["A1"].value == "Peer support activities: Leeds"


def test_a_formula_in_a_place_name_is_not_run_by_the_spreadsheet(client):
    Place.objects.filter(slug="leeds").update(name="=cmd|' /C calc'!A0")
    rows = read_csv(client.get("/reports/places.csv"))
    assert [row[0] for row in rows if "cmd" in row[0]] == ["'=cmd|' /C calc'!A0"]


def page_rows(html, table):
    """Every body row of one of the page's tables, as cell texts without "12,345" commas or "%"."""
    section = html.split(f'id="table-{table}"', 1)[1].split("</table>", 1)[0]
    body = section.split("<tbody", 1)[1]
    return [
        [
            re.sub(r"(?<=\d),(?=\d{3})", "", unescape(re.sub(r"<[^>]+>", "", c)).strip()).rstrip(
                "%"
            )
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in body.split("</tr>")[:-1]
    ]


@pytest.mark.parametrize("url", ["/reports/", "/reports/leeds/", "/reports/calderdale/"])
def test_every_downloaded_table_has_the_numbers_on_the_page(client, url):
    make_known_activities()
    make_known_interviews()
    add_participant("BRD-01", "bradford-craven", Sector.THIRD_SECTOR, WORKER, False)  # hides some
    query = "?status=active&scoped_to=2020-01-31"
    release()
    html = client.get(url + query).content.decode()
    tables = re.findall(r'id="table-([a-z_]+)"', html)
    # Calderdale has no coded interview, so no themes table: a sentence says so instead.
    assert len(tables) == {"/reports/": 12, "/reports/leeds/": 11, "/reports/calderdale/": 10}[url]
    assert "not shown" in html
    for table in tables:
        downloaded = read_csv(client.get(f"{url}{table}.csv{query}"))[1:]
        if url != "/reports/":  # the page leaves out the region's counts, shown in the caption
            downloaded = [r[:3] + r[4:] for r in downloaded]
        assert page_rows(html, table) == downloaded, table

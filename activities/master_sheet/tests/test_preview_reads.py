"""The admin's preview shows what the import read: each spelling it took as one of the
directory's terms, with how many cells, and each new row's values; an error preview
offers to upload the sheet again."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.master_sheet.lookups import Lookups
from activities.master_sheet.plan import master_sheet_plan
from activities.master_sheet.readers import XlsxBook
from activities.master_sheet.tests.test_sheet_published_ids import preview_rows
from activities.tests.workbooks import CANONICAL, row, workbook_bytes

pytestmark = pytest.mark.django_db

SHEET = {
    "Leeds": [
        CANONICAL,
        row("Walk and Talk", sector="Charity", focus="Mental health"),
        row("Seed Swap", sector="charity"),
        row("Coffee Morning", sector="Third Sector"),
    ]
}


def preview(client):
    return client.post(
        reverse("admin:activities_importrun_upload"),
        {"workbook": SimpleUploadedFile("leeds.xlsx", workbook_bytes(SHEET))},
        follow=True,
    ).content.decode()


def test_the_preview_lists_each_spelling_read_as_a_term_with_its_count(client_for, champion):
    page = preview(client_for(champion))

    assert "Sector: “Charity” read as Third Sector (1 cell)" in page
    assert "Sector: “charity” read as Third Sector (1 cell)" in page
    assert "Main focus: “Mental health” read as Mental health focused (1 cell)" in page
    # The terms' own names are not listed as mapped.
    assert "“Third Sector” read as" not in page
    assert "“Leeds” read as" not in page  # the sheet's name is its place


def test_new_rows_show_the_values_read_from_their_cells(client_for, champion):
    rows = preview_rows(preview(client_for(champion)))

    walk = next(r for r in rows if r[1] == "Walk and Talk")
    assert walk[3] == "New"
    assert "Sector: Third Sector" in walk[4] and "Main focus: Mental health focused" in walk[4]


def test_an_error_preview_links_to_the_upload_page(client_for, champion):
    bad = {"Leeds": [CANONICAL, row("Walk and Talk", sector="Martian")]}
    page = (
        client_for(champion)
        .post(
            reverse("admin:activities_importrun_upload"),
            {"workbook": SimpleUploadedFile("bad.xlsx", workbook_bytes(bad))},
            follow=True,
        )
        .content.decode()
    )

    assert "nothing can be imported" in page
    assert f'id="upload-again" href="{reverse("admin:activities_importrun_upload")}"' in page


def test_a_probe_of_a_place_cell_is_not_counted_as_a_spelling():
    """A Place cell is split by asking which parts are places; only what it finally reads
    as counts."""
    lookups = Lookups()
    lookups.coverage("Leeds and Wakefield")
    assert lookups.mapped == {}
    lookups.coverage("Bradford")
    assert list(lookups.mapped.values()) == [1]


def test_the_command_prints_the_spellings_too():
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(SHEET)), read_only=True)
    plan = master_sheet_plan(XlsxBook(book))
    assert "Sector: “Charity” read as Third Sector (1 cell)" in plan.summary_lines()

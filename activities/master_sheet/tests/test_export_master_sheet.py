"""export_master_sheet: canonical layout, formula escaping, round trip."""

import datetime
import io

import pytest
from django.core.management import call_command

from activities.master_sheet.layout import HEADERS
from activities.models import Activity
from activities.tests.factories import make_activity
from activities.tests.workbooks import read_sheets

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    make_activity(
        name="Walk and Talk",
        organisation="Leeds Mind",
        experiences=("anxiety", "carers"),
        notes='=HYPERLINK("http://evil.example")',
        contact="-0113 000 0000\nask for the office",
        online=True,
        date_scoped=datetime.date(2020, 2, 1),
    )
    make_activity(name="Book club", place="kirklees", venue="@library", status="closed")
    make_activity(name="Craft group", place="harrogate-rural-district", online=False)


def export(tmp_path, *args):
    path = tmp_path / "export.xlsx"
    call_command("export_master_sheet", str(path), *args, stdout=io.StringIO())
    return path


def test_it_writes_a_sheet_per_place_in_the_canonical_layout(directory, tmp_path):
    sheets = read_sheets(export(tmp_path).read_bytes())

    assert list(sheets) == ["Harrogate & Rural District", "Kirklees", "Leeds"]
    leeds = sheets["Leeds"]
    assert leeds[0] == HEADERS
    cells = dict(zip(HEADERS, leeds[1], strict=True))
    assert cells["Project name / support type"] == "Walk and Talk"
    assert cells["Organisation"] == "Leeds Mind"
    assert cells["Shared experience"] == "Anxiety; Carers"
    assert cells["Sector"] == "Third Sector"
    assert cells["Online"] == "Yes"
    assert cells["Date scoped"] == datetime.datetime(2020, 2, 1)


def test_cells_a_spreadsheet_would_run_are_escaped(directory, tmp_path):
    sheets = read_sheets(export(tmp_path).read_bytes())

    leeds = dict(zip(HEADERS, sheets["Leeds"][1], strict=True))
    assert leeds["Notes"] == '\'=HYPERLINK("http://evil.example")'
    assert leeds["Contact"] == "'-0113 000 0000\nask for the office"
    kirklees = dict(zip(HEADERS, sheets["Kirklees"][1], strict=True))
    assert kirklees["Venue / area"] == "'@library"


def test_one_sheet_option(directory, tmp_path):
    sheets = read_sheets(export(tmp_path, "--one-sheet").read_bytes())

    assert list(sheets) == ["Activities"]
    assert [r[1] for r in sheets["Activities"][1:]] == [
        "Harrogate & Rural District",
        "Kirklees",
        "Leeds",
    ]


@pytest.mark.parametrize("args", [(), ("--one-sheet",)])
def test_export_then_import_reports_every_row_unchanged(directory, tmp_path, args):
    path = export(tmp_path, *args)
    before = sorted(Activity.objects.values_list("pk", "version", "notes", "contact", "venue"))
    out = io.StringIO()

    call_command("import_master_sheet", str(path), stdout=out)

    assert "Total: 3 rows read, 0 new, 0 updated, 3 unchanged" in out.getvalue()
    after = sorted(Activity.objects.values_list("pk", "version", "notes", "contact", "venue"))
    assert after == before


def test_an_empty_directory_exports_the_headers(tmp_path):
    sheets = read_sheets(export(tmp_path).read_bytes())

    assert sheets == {"Activities": [HEADERS]}

"""The study's disclaimer travels with every export, and the importer skips it."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.directory.disclaimer import DISCLAIMER, DISCLAIMER_SHEET
from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import master_sheet_export
from activities.models import Activity
from activities.tests.factories import make_activity
from activities.tests.workbooks import CANONICAL, row, workbook_bytes

pytestmark = pytest.mark.django_db

# The study's words (scoping-report.txt), in full.
STUDY_WORDS = [
    "representative of the peer support that was visible at the time of scoping activity",
    "The status of these activities at the time of writing the report is not known in full",
    "unlikely to be an exhaustive list of all the peer support activity in the region",
    "should be read as a general overview rather than a factual database",
    "should not be used for signposting purposes",
]


def first_sheet(data):
    book = load_workbook(io.BytesIO(data), read_only=True)
    return book.sheetnames[0], list(book.worksheets[0].iter_rows(values_only=True))


def test_the_disclaimer_is_the_studys_in_full():
    for words in STUDY_WORDS:
        assert words in DISCLAIMER


def test_the_master_sheet_export_starts_with_it_and_imports_back(tmp_path):
    make_activity("Walk", place="leeds")
    out = io.BytesIO()
    master_sheet_export(file=out)
    assert first_sheet(out.getvalue()) == (DISCLAIMER_SHEET, [(DISCLAIMER,)])

    run, plan = master_sheet_import(data=out.getvalue(), file_name="export.xlsx")
    assert plan.ok and (run.new, run.unchanged) == (0, 1)
    assert "Disclaimer: skipped (the study's disclaimer, not activities)" in run.summary


def test_the_directory_csv_starts_with_its_header_and_the_xlsx_and_page_keep_the_disclaimer(
    client_for, analyst
):
    make_activity()
    client = client_for(analyst)
    text = b"".join(client.get("/activities/export.csv").streaming_content).decode("utf-8-sig")
    first_line = text.splitlines()[0]
    assert first_line.startswith("Project name / support type,Place,Organisation,Sector,")
    assert DISCLAIMER not in text
    header = pandas_like_header(text)
    assert header[:3] == ["Project name / support type", "Place", "Organisation"]
    xlsx = client.get("/activities/export.xlsx").content
    assert first_sheet(xlsx) == (DISCLAIMER_SHEET, [(DISCLAIMER,)])
    page = client.get("/activities/").content.decode()
    download = page.split('id="download"', 1)[1].split("</div>", 1)[0]
    assert "export.csv" in download and DISCLAIMER in download


def pandas_like_header(text):
    """What a reader taking the first row as the header (Excel, pandas, R) names the columns."""
    return next(csv.reader(io.StringIO(text)))


def test_the_admin_master_sheet_export_starts_with_it(client_for, staff_analyst):
    make_activity()
    response = client_for(staff_analyst).get(reverse("admin:activities_importrun_export"))
    assert first_sheet(response.content)[1] == [(DISCLAIMER,)]


def test_the_report_downloads_start_with_it(client_for, commissioner):
    make_activity()
    client = client_for(commissioner)
    for url in ["/reports/report.xlsx", "/reports/leeds/report.xlsx"]:
        assert first_sheet(client.get(url).content) == (DISCLAIMER_SHEET, [(DISCLAIMER,)])
    for url in ["/reports/places.csv", "/reports/leeds/sector.csv"]:
        rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
        assert rows[0] == [DISCLAIMER]


def test_a_csv_style_sheet_with_the_disclaimer_line_above_the_header_imports():
    """A directory CSV opened and saved as a workbook keeps its disclaimer line on top."""
    data = workbook_bytes(
        {"Activities": [[DISCLAIMER], ["Place", *CANONICAL], ["Leeds", *row("Walk")]]}
    )
    run, plan = master_sheet_import(data=data, file_name="directory.xlsx")
    assert plan.ok, plan.problem_messages()
    assert "Activities: 1 rows read (header on row 2)" in run.summary
    assert Activity.objects.get().name == "Walk"

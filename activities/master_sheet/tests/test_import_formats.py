"""A sheet saved as .ods or .csv (by LibreOffice) imports exactly like the same sheet as .xlsx.

The fixtures in data/libreoffice/ were written by make_fixtures.py there:
``excel.xlsx`` by openpyxl, the rest by LibreOffice from it.
"""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from activities.master_sheet.files import UnreadableWorkbook, spreadsheet_check
from activities.models import Activity, ImportRun

FIXTURES = Path(__file__).parent / "data" / "libreoffice"
FIELDS = [
    "name",
    "place__slug",
    "organisation__name",
    "sector",
    "main_focus",
    "delivery_model",
    "funding_type",
    "website",
    "contact",
    "venue",
    "online",
    "status",
    "date_scoped",
    "notes",
]


def imported(path, *args, name=None):
    """(exit code, output, the directory as rows) after importing ``path``."""
    out = io.StringIO()
    code = 0
    try:
        call_command("import_master_sheet", str(path), *args, stdout=out)
    except CommandError as error:
        code = error.returncode
    rows = [
        {
            **values,
            "shared": sorted(
                Activity.objects.get(name=values["name"]).shared_experiences.values_list(
                    "slug", flat=True
                )
            ),
        }
        for values in Activity.objects.order_by("name").values(*FIELDS)
    ]
    return code, out.getvalue(), rows


@pytest.fixture
def excel_directory(db):
    code, output, rows = imported(FIXTURES / "excel.xlsx")
    assert code == 0, output
    Activity.shared_experiences.through.objects.all().delete()
    Activity.objects.all().delete()
    return rows


def test_the_excel_sheet_imports_what_it_holds(excel_directory):
    cafe = next(row for row in excel_directory if row["name"] == "Café Connect")

    assert len(excel_directory) == 4
    assert cafe["place__slug"] == "leeds"
    assert cafe["notes"] == "Meets weekly – £2 a session\nBring a friend"
    assert cafe["venue"] == "St Mary’s Hall"
    assert cafe["shared"] == ["anxiety", "depression"]
    assert str(cafe["date_scoped"]) == "2019-06-01"


@pytest.mark.parametrize(
    "file_name",
    ["libreoffice.ods", "libreoffice.xlsx", "libreoffice-utf8.csv", "libreoffice-cp1252.csv"],
)
def test_a_libreoffice_file_imports_like_the_excel_one(excel_directory, file_name):
    code, output, rows = imported(FIXTURES / file_name)

    assert code == 0, output
    assert rows == excel_directory
    assert ImportRun.objects.filter(file_name=file_name, outcome="applied").exists()


def test_a_second_import_of_the_ods_changes_nothing(db):
    imported(FIXTURES / "libreoffice.ods")
    code, output, _rows = imported(FIXTURES / "libreoffice-utf8.csv")

    assert code == 0
    assert "0 new, 0 updated, 4 unchanged" in output


def test_a_csv_error_names_the_file_row_and_column(db, tmp_path):
    text = (FIXTURES / "libreoffice-utf8.csv").read_text(encoding="utf-8")
    path = tmp_path / "groups.csv"
    path.write_text(text.replace("Third Sector,Mental health", "Spaceship,Mental health"))

    code, output, rows = imported(path)

    assert code == 1
    assert "groups.csv!4 Sector: Spaceship — not a known sector" in output
    assert rows == []


def test_an_ods_error_names_the_sheet_row_and_column(db, tmp_path):
    source = FIXTURES / "libreoffice.ods"
    path = tmp_path / "groups.ods"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "content.xml":
                data = data.replace(b"<text:p>Community</text:p>", b"<text:p>Spaceship</text:p>")
            copy.writestr(item, data)

    code, output, rows = imported(path)

    assert code == 1
    assert "Activities!5 Sector: Spaceship — not a known sector" in output
    assert rows == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old.xls", "old-style Excel file (.xls)"),
        (b"Name,Place\nWalk,Leeds\n", "notes.docx", "not a spreadsheet the import can read"),
        (b"Name\0Place", "sheet.csv", "not text in UTF-8 or Windows-1252"),
    ],
)
def test_files_that_are_not_sheets_are_refused_clearly(data, name, message):
    with pytest.raises(UnreadableWorkbook, match=re.escape(message)):
        spreadsheet_check(data, name)


def test_a_zip_that_is_neither_xlsx_nor_ods_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")

    with pytest.raises(UnreadableWorkbook, match="not a spreadsheet"):
        spreadsheet_check(buffer.getvalue(), "letter.ods")


def test_the_admin_accepts_an_ods_upload(client_for, champion):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("groups.ods", (FIXTURES / "libreoffice.ods").read_bytes())
    response = client_for(champion).post(
        "/admin/activities/importrun/upload/", {"workbook": upload}
    )

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.outcome == "dry_run"
    assert run.new == 4
    assert Activity.objects.count() == 0


def test_the_admin_imports_a_csv_after_its_preview(client_for, champion):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(champion)
    data = (FIXTURES / "libreoffice-cp1252.csv").read_bytes()
    client.post(
        "/admin/activities/importrun/upload/",
        {"workbook": SimpleUploadedFile("groups.csv", data)},
    )
    preview = ImportRun.objects.get()

    response = client.post(f"/admin/activities/importrun/{preview.pk}/confirm/", follow=True)

    assert "Imported groups.csv: 4 new, 0 updated, 0 unchanged." in response.content.decode()
    assert Activity.objects.count() == 4


def test_the_directory_csv_export_reimports_unchanged(client_for, analyst):
    from activities.master_sheet.apply import master_sheet_import
    from activities.tests.factories import make_activity

    make_activity("Walk and Talk", organisation="Mind", notes="Weekly, from 10:00\nBring boots")
    make_activity("Café Connect", place="wakefield", experiences=("anxiety", "depression"))
    response = client_for(analyst).get("/activities/export.csv")
    data = b"".join(response.streaming_content)

    run, _plan = master_sheet_import(data=data, file_name="activities.csv", dry_run=True)

    assert run.problems == []
    assert (run.rows_read, run.new, run.updated, run.unchanged) == (2, 0, 0, 2)

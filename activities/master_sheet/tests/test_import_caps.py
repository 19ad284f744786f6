"""Files built to make the import walk millions of cells are refused quickly, writing nothing."""

import pytest

from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.tests import hostile_files
from activities.models import Activity, ImportRowResult, ImportRun
from activities.tests.workbooks import CANONICAL, row, workbook_bytes


def run_of(data, file_name="hostile.xlsx", **options):
    run, _plan = master_sheet_import(data=data, file_name=file_name, **options)
    return run


def refused(run):
    assert run.outcome == ImportRun.Outcome.FAILED
    assert Activity.objects.count() == 0
    return "\n".join(run.problems)


@pytest.mark.django_db
def test_an_xlsx_claiming_the_whole_grid_is_refused_at_the_real_caps():
    data = hostile_files.xlsx_claiming_the_whole_grid()
    assert len(data) < 10_000

    message = refused(run_of(data))

    assert "Leeds: row 1,048,576 holds data, but a sheet may have at most 50,000 rows" in message
    assert "nothing was imported" in message


@pytest.mark.django_db
def test_rows_beyond_the_cap_are_refused(settings):
    settings.MASTER_SHEET_MAX_ROWS = 300
    sheets = {"Leeds": [CANONICAL, *(row(f"Walk {n}") for n in range(300))]}

    message = refused(run_of(workbook_bytes(sheets)))

    assert message == (
        "Leeds: row 301 holds data, but a sheet may have at most 300 rows "
        "(MASTER_SHEET_MAX_ROWS); nothing was imported"
    )


@pytest.mark.django_db
@pytest.mark.slow  # a file of many thousand bad rows
def test_reading_stops_after_many_errors_and_the_summary_stays_small(settings):
    settings.MASTER_SHEET_PROBLEMS_STORED = 20

    run = run_of(hostile_files.xlsx_of_one_cell_rows(100_000), dry_run=True)

    refused(run)
    assert len(run.problems) == 21
    assert run.problems[0].startswith("Leeds!2 Sector: (blank) — required")
    assert run.problems[-1] == (
        "Leeds: reading stopped at row 6 after 20 errors; correct these and import again "
        "to see any others"
    )
    assert ImportRowResult.objects.filter(run=run).count() == 5


def test_a_long_list_of_errors_is_cut_when_stored(settings):
    from activities.master_sheet.apply import problems_stored

    settings.MASTER_SHEET_PROBLEMS_STORED = 3

    assert problems_stored(["a", "b", "c", "d"]) == ["a", "b", "c", "d"]
    assert problems_stored(["a", "b", "c", "d", "e", "f"]) == [
        "a",
        "b",
        "c",
        "… and 3 more errors not listed here (the first 3 are kept); correct these and "
        "import again to see the rest.",
    ]


@pytest.mark.django_db
def test_the_row_cap_counts_rows_of_data_across_sheets(settings):
    settings.MASTER_SHEET_MAX_ROWS = 5
    sheets = {
        "Leeds": [CANONICAL, *(row(f"Walk {n}") for n in range(3))],
        "Wakefield": [CANONICAL, *(row(f"Talk {n}") for n in range(3))],
    }

    message = refused(run_of(workbook_bytes(sheets)))

    assert "Wakefield: the file holds more than 5 rows of data in all" in message


@pytest.mark.django_db
def test_a_value_beyond_the_column_cap_is_refused(settings):
    settings.MASTER_SHEET_MAX_COLUMNS = 14
    sheets = {"Leeds": [CANONICAL, [*row("Walk"), "", "", "", "stray"]]}

    message = refused(run_of(workbook_bytes(sheets)))

    assert "Leeds: row 2 has a value in column P, but only the first 14 columns (A to N)" in message


@pytest.mark.django_db
def test_columns_beyond_the_cap_that_are_empty_do_not_matter(settings):
    settings.MASTER_SHEET_MAX_COLUMNS = 14
    sheets = {"Leeds": [CANONICAL, [*row("Walk"), "", "", ""]]}

    run = run_of(workbook_bytes(sheets))

    assert run.outcome == ImportRun.Outcome.APPLIED
    assert Activity.objects.get().name == "Walk"


@pytest.mark.django_db
def test_data_after_a_long_blank_run_is_refused(settings):
    settings.MASTER_SHEET_BLANK_RUN = 20
    sheets = {"Leeds": [CANONICAL, row("Walk"), *([[]] * 25), row("Talk")]}

    message = refused(run_of(workbook_bytes(sheets)))

    assert "Leeds: row 28 holds data after 25 blank rows (from row 3)" in message


@pytest.mark.django_db
def test_a_short_blank_run_is_just_skipped(settings):
    settings.MASTER_SHEET_BLANK_RUN = 20
    sheets = {"Leeds": [CANONICAL, row("Walk"), *([[]] * 19), row("Talk")]}

    run = run_of(workbook_bytes(sheets))

    assert run.outcome == ImportRun.Outcome.APPLIED
    assert Activity.objects.count() == 2


@pytest.mark.django_db
def test_an_ods_with_a_million_empty_rows_then_data_is_refused():
    message = refused(run_of(hostile_files.ods_with_a_row_far_below(), "far.ods"))

    assert "Leeds: row 1,048,003 holds data, but a sheet may have at most 50,000 rows" in message


@pytest.mark.django_db
def test_an_ods_repeating_a_row_a_million_times_is_refused(settings):
    settings.MASTER_SHEET_MAX_ROWS = 500

    message = refused(run_of(hostile_files.ods_repeating_a_row(1_000_000), "repeat.ods"))

    assert "Leeds: row 501 holds data, but a sheet may have at most 500 rows" in message


@pytest.mark.django_db
def test_an_ods_with_a_value_in_column_xfd_is_refused():
    message = refused(run_of(hostile_files.ods_with_a_value_in_the_last_column(), "wide.ods"))

    assert (
        "Leeds: row 3 has a value in column XFD, but only the first 60 columns (A to BH)" in message
    )


@pytest.mark.django_db
def test_an_ods_repeating_a_good_row_within_the_caps_imports_it_once_per_row():
    run = run_of(hostile_files.ods_repeating_a_row(3), "three.ods", dry_run=True)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "Leeds!3 Project name / support type: Walk — duplicate row: Leeds!2" in run.problems[0]


def test_the_admin_upload_shows_the_cap_message(client_for, champion):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("grid.xlsx", hostile_files.xlsx_claiming_the_whole_grid())
    response = client_for(champion).post(
        "/admin/activities/importrun/upload/", {"workbook": upload}, follow=True
    )

    assert response.status_code == 200
    assert "row 1,048,576 holds data, but a sheet may have at most 50,000 rows" in (
        response.content.decode()
    )
    assert Activity.objects.count() == 0


@pytest.mark.django_db
def test_a_csv_value_far_beyond_the_column_cap_is_refused():
    header = ",".join(CANONICAL)
    line = ",".join(row("Walk")) + "," * 80 + "stray"
    data = f"Place,{header}\nLeeds,{line}\n".encode()

    message = refused(run_of(data, "wide.csv"))

    assert "wide.csv: row 2 has a value in column CO, but only the first 60 columns" in message

"""Reading a sheet once: a preview keeps the rows it read, and its confirmation plans from
them; a sheet that does not state its size is not parsed an extra time to find it."""

import datetime
import io

import openpyxl
import pytest
from openpyxl.worksheet._reader import WorkSheetParser

from activities.master_sheet.files import spreadsheet_open
from activities.master_sheet.jobs import import_start, preview_start
from activities.master_sheet.kept_rows import Recording, kept_book, rows_pack
from activities.master_sheet.readers import Book, FarCell, Sheet
from activities.models import Activity, ImportRun
from activities.tests.workbooks import CANONICAL, row, workbook_bytes
from scoping.jobs.models import Job

ROWS = [
    (1, ("Title", None, 3, 2.5, True, False)),
    (4, (datetime.datetime(2024, 5, 1, 9, 30), datetime.date(2024, 5, 2), None)),
    (5, (datetime.time(13, 5, 7), datetime.timedelta(days=2, seconds=5, microseconds=7))),
    (9, ("=SUM(A1:A2)", float("inf"), FarCell(27, datetime.date(2020, 1, 1)))),
]


class Listed(Book):
    kind = "listed"

    def sheets(self):
        sheet = Sheet("Leeds")

        def rows():
            yield from ROWS
            sheet.refused = "row 10 holds data after 500 blank rows"

        sheet.rows = rows()
        yield sheet
        yield Sheet("Chart", chart=True)


def test_kept_rows_come_back_as_they_were_read():
    recording = Recording(Listed())
    read = [(sheet, list(sheet.rows)) for sheet in recording.sheets()]
    assert read[0][0].refused == "row 10 holds data after 500 blank rows"
    kept = kept_book(rows_pack(recording))
    again = [(sheet, list(sheet.rows)) for sheet in kept.sheets()]
    assert [(s.name, s.chart, s.refused, rows) for s, rows in again] == [
        ("Leeds", False, "row 10 holds data after 500 blank rows", ROWS),
        ("Chart", True, "", []),
    ]
    assert [type(value) for value in again[0][1][0][1]] == [str, type(None), int, float, bool, bool]
    assert kept.rows_estimate() == len(ROWS)


def test_kept_rows_of_another_format_or_damaged_are_not_used():
    assert kept_book(b"not zlib") is None
    assert kept_book(None) is None
    assert kept_book(rows_pack(Recording(Listed()))[:-4]) is None


@pytest.mark.django_db
def test_a_confirmed_preview_is_planned_from_its_kept_rows_not_the_file(champion, monkeypatch):
    data = workbook_bytes({"Leeds": [CANONICAL, row("Walk", date="03/04/2021"), row("Talk")]})
    preview_start(data=data, file_name="master.xlsx", user=champion)
    preview = ImportRun.objects.get()
    assert kept_book(ImportRun.objects.values_list("kept_rows", flat=True).get()) is not None

    def parsed_again(*args, **kwargs):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr("activities.master_sheet.apply.spreadsheet_open", parsed_again)
    job = import_start(preview=preview, user=champion)
    assert job.state == Job.State.DONE, job.message
    walk = Activity.objects.get(name="Walk")
    assert walk.date_scoped == datetime.date(2021, 4, 3)
    assert list(walk.shared_experiences.values_list("name", flat=True)) == ["Anxiety"]
    created = walk.history.get()
    assert (created.history_type, created.history_user, created.version) == ("+", champion, 1)
    assert created.history_change_reason == "Imported from master.xlsx"
    assert created.uuid == walk.uuid and walk.name_key == "walk"
    assert ImportRun.objects.filter(kept_rows__isnull=False).count() == 0


@pytest.mark.django_db
def test_a_preview_whose_kept_rows_are_unusable_reads_its_file_again(champion):
    data = workbook_bytes({"Leeds": [CANONICAL, row("Walk")]})
    preview_start(data=data, file_name="master.xlsx", user=champion)
    ImportRun.objects.update(kept_rows=b"damaged")
    job = import_start(preview=ImportRun.objects.get(), user=champion)
    assert job.state == Job.State.DONE and Activity.objects.get().name == "Walk"


def test_a_sheet_that_does_not_state_its_size_is_not_parsed_to_find_it(monkeypatch):
    book = openpyxl.Workbook(write_only=True)  # writes no <dimension>, as other tools may not
    sheet = book.create_sheet("Leeds")
    for number in range(40):
        sheet.append([f"Group {number}", "Mind"])
    buffer = io.BytesIO()
    book.save(buffer)

    def parsed(*args, **kwargs):
        raise AssertionError("the whole sheet was parsed for its size")

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", parsed)
    opened = spreadsheet_open(buffer.getvalue(), "master.xlsx")
    assert opened.rows_estimate() == 40
    rows = [rows for sheet in opened.sheets() for rows in sheet.rows]
    assert len(rows) == 40 and rows[-1] == (40, ("Group 39", "Mind"))

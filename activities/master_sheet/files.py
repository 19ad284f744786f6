"""Opening an uploaded master sheet safely (.xlsx, .ods or .csv).

Checks run before openpyxl parses anything: the size limit
(``MASTER_SHEET_MAX_UPLOAD_BYTES``), that the file is a zip holding a
workbook, and that its declared uncompressed size and compression ratio do
not look like a zip bomb. Python's ``zipfile`` never inflates a member past
its declared size (it stops and fails the CRC check), so checking the
declared sizes bounds the work openpyxl can be made to do. openpyxl uses
``defusedxml`` when it is installed (it is pinned), so entity tricks in the
XML are refused too. Workbooks are opened read-only with formulas kept as
their text: nothing is ever evaluated.
"""

import io
import zipfile

from django.conf import settings
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.functions import iterparse

from activities.master_sheet.readers import (
    CsvBook,
    OdsBook,
    XlsxBook,
    csv_text,
    ods_archive_is_spreadsheet,
    zip_archive,
)

# A real master sheet's XML compresses 5-30 times; far beyond that is a bomb.
MAX_COMPRESSION_RATIO = 200
# Ratios are only meaningful for members big enough to matter.
RATIO_CHECK_FROM_BYTES = 1024 * 1024


class UnreadableWorkbook(ValueError):
    """The file cannot be imported at all; the message says why, for a person."""


def max_upload_bytes():
    return settings.MASTER_SHEET_MAX_UPLOAD_BYTES


def max_uncompressed_bytes():
    return getattr(settings, "MASTER_SHEET_MAX_UNCOMPRESSED_BYTES", 40 * max_upload_bytes())


def size_text(size):
    """A file size as a person reads it: 512 bytes, 40 KB, 2.5 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def upload_size_check(size):
    """Raise ``UnreadableWorkbook`` for an empty upload or one over the size limit.

    Forms call it with the upload's size before reading it into memory.
    """
    if not size:
        raise UnreadableWorkbook("The file is empty.")
    if size > max_upload_bytes():
        raise UnreadableWorkbook(
            f"The file is {size_text(size)}; the limit is {size_text(max_upload_bytes())}."
        )


NOT_A_SPREADSHEET = (
    "This is not a spreadsheet the import can read. Save the sheet as “Excel Workbook "
    "(.xlsx)”, “ODF Spreadsheet (.ods)” or “CSV” (one sheet with a Place column) and upload that."
)
OLD_EXCEL = (
    "This is an old-style Excel file (.xls). Save the sheet as “Excel Workbook (.xlsx)”, "
    "“ODF Spreadsheet (.ods)” or “CSV” and upload that."
)


def workbook_check(data):
    """Raise ``UnreadableWorkbook`` unless ``data`` (bytes) looks like a safe .xlsx."""
    upload_size_check(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnreadableWorkbook(
            "This is not an Excel workbook (.xlsx). Save the sheet as “Excel Workbook (.xlsx)” "
            "and upload that; .xls, .csv and .ods files are not accepted."
        ) from None
    with archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise UnreadableWorkbook(
                "This zip file is not an Excel workbook (.xlsx): it holds no workbook."
            )
        zip_bomb_check(archive)


def spreadsheet_check(data, file_name=""):
    """The kind of a master sheet in ``data`` ("xlsx", "ods" or "csv"), or ``UnreadableWorkbook``.

    The content decides, not the name, except that text is only taken for CSV
    when the name ends in .csv or .txt.
    """
    upload_size_check(len(data))
    archive = zip_archive(data)
    if archive is None:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnreadableWorkbook(OLD_EXCEL)
        if not file_name.lower().endswith((".csv", ".txt")):
            raise UnreadableWorkbook(NOT_A_SPREADSHEET)
        if csv_text(data) is None:
            raise UnreadableWorkbook(
                "This CSV file is not text in UTF-8 or Windows-1252; save it again as "
                "“CSV UTF-8” and upload that."
            )
        return "csv"
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            kind = "xlsx"
        elif ods_archive_is_spreadsheet(archive) and "content.xml" in names:
            kind = "ods"
        else:
            raise UnreadableWorkbook(
                "This zip file is not a spreadsheet (.xlsx or .ods): it holds no workbook."
            )
        zip_bomb_check(archive)
    return kind


def zip_bomb_check(archive):
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > max_uncompressed_bytes():
        raise UnreadableWorkbook(
            f"The workbook would unpack to {size_text(total)}, more than the "
            f"{size_text(max_uncompressed_bytes())} allowed; it looks like a zip bomb "
            "and was not opened."
        )
    for member in members:
        if member.file_size < RATIO_CHECK_FROM_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise UnreadableWorkbook(
                f"Part of the workbook ({member.filename}) is compressed {ratio:.0f} times, "
                "far more than a real spreadsheet; it looks like a zip bomb and was not "
                "opened."
            )


def workbook_open(data):
    """A read-only openpyxl workbook for checked ``data`` (formulas stay text)."""
    workbook_check(data)
    return _openpyxl_open(data)


class _SheetSizedByItsHead(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, without its whole-sheet pass on opening.

    Opening a read-only sheet reads its stated size (``<dimension>``); a sheet that
    states none (openpyxl's own write-only files, some other tools) is parsed to its end
    to find out, which for a big sheet costs as much as reading it. The importer reads
    every stored row anyway (``readers.stored_rows``) and uses the size only for the
    progress bar, so this looks for the size only before the sheet's data begins.
    """

    def _get_size(self):
        with self._get_source() as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    dimensions = SheetDimension.from_tree(element).boundaries
                    self._min_column, self._min_row, self._max_column, self._max_row = dimensions
                    return
                if element.tag == DATA_TAG:
                    return


class _ExcelReader(ExcelReader):
    """openpyxl's reader, read-only, with ``_SheetSizedByItsHead`` sheets."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            worksheet = _SheetSizedByItsHead(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def _openpyxl_open(data):
    try:
        reader = _ExcelReader(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
        reader.read()
        return reader.wb
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableWorkbook(
            f"The workbook could not be read ({type(error).__name__}); open it in Excel, "
            "save it again as .xlsx and retry."
        ) from error


def spreadsheet_open(data, file_name=""):
    """A ``readers.Book`` for checked ``data``: .xlsx, .ods or .csv alike."""
    kind = spreadsheet_check(data, file_name)
    if kind == "xlsx":
        return XlsxBook(_openpyxl_open(data))
    if kind == "ods":
        return OdsBook(zip_archive(data))
    return CsvBook(csv_text(data), file_name)

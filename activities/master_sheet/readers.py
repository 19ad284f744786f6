"""The three kinds of file a master sheet comes in, read into the same rows.

Excel (.xlsx, through openpyxl), OpenDocument (.ods, the format LibreOffice
saves by default) and CSV (one sheet, comma or semicolon, UTF-8 or
Windows-1252). Each ``Book`` yields ``Sheet``s whose ``rows`` are
``(row number, values)`` for the rows that hold something, values as openpyxl
gives them for a read-only, formulas-as-text workbook (text, int, float,
bool, datetime or None), so the planner cannot tell the formats apart.

Every sheet is read through ``capped``: at most ``MASTER_SHEET_MAX_ROWS``
rows (counted by row number in a sheet and by rows of data in the whole
file) and ``MASTER_SHEET_MAX_COLUMNS`` columns; a value beyond either, or
after a run of ``MASTER_SHEET_BLANK_RUN`` blank rows, stops the reading and
sets ``Sheet.refused`` to a message saying where. A sheet that claims a huge
range (``A1:XFD1048576``) or repeats an empty row a million times therefore
costs no more than a sheet of the allowed size.

The .ods reader is our own, on ``defusedxml``'s streaming ``iterparse``:
odfpy (the usual library) builds the whole document in memory and expands
repeated rows and cells, which is exactly what a hostile file exploits;
here a repeated empty row only moves the row number, and each row is
dropped from the tree once read, so memory stays at one row.
"""

import csv
import datetime
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml.ElementTree import iterparse
from django.conf import settings
from openpyxl.chartsheet import Chartsheet
from openpyxl.worksheet._reader import WorkSheetParser

MAX_SHEETS = 100
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
CSV_DELIMITERS = (",", ";")

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def limits():
    """(rows, columns, blank run) from the settings."""
    return (
        settings.MASTER_SHEET_MAX_ROWS,
        settings.MASTER_SHEET_MAX_COLUMNS,
        settings.MASTER_SHEET_BLANK_RUN,
    )


def column_letter(index):
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _blank(values):
    for value in values:
        if value is not None and (not isinstance(value, str) or value.strip()):
            return False
    return True


@dataclass(frozen=True)
class FarCell:
    """A value found beyond the columns read, kept (in the last slot) to be refused by name."""

    column: int
    value: object


@dataclass
class Sheet:
    name: str
    rows: object = ()  # iterable of (row number, tuple of values)
    chart: bool = False
    refused: str = ""


@dataclass
class RowBudget:
    """Rows of data the whole file may still hold (shared by its sheets)."""

    left: int
    limit: int
    spent: list = field(default_factory=list)


def capped(sheet, numbered_rows, budget):
    """Yield ``numbered_rows`` that hold data, within the caps; set ``sheet.refused`` past them."""
    max_rows, max_columns, blank_run = limits()
    previous = 0
    for number, values in numbered_rows:
        if number > max_rows:
            if _blank(values):
                continue  # trailing empties a sheet claims are never data
            sheet.refused = (
                f"row {number:,} holds data, but a sheet may have at most {max_rows:,} rows "
                "(MASTER_SHEET_MAX_ROWS); nothing was imported"
            )
            return
        if len(values) > max_columns and not _blank(values[max_columns:]):
            far = next(value for value in values[max_columns:] if not _blank((value,)))
            column = far.column if isinstance(far, FarCell) else max_columns + 1
            sheet.refused = (
                f"row {number:,} has a value in column {column_letter(column)}, but only the "
                f"first {max_columns} columns (A to {column_letter(max_columns)}) are read "
                "(MASTER_SHEET_MAX_COLUMNS); move or delete it; nothing was imported"
            )
            return
        if _blank(values):
            continue
        if previous and number - previous - 1 >= blank_run:
            sheet.refused = (
                f"row {number:,} holds data after {number - previous - 1:,} blank rows "
                f"(from row {previous + 1:,}); the import stops at {blank_run:,} blank rows in "
                "a row, so delete the stray cells or close the gap; nothing was imported"
            )
            return
        if budget.left <= 0:
            sheet.refused = (
                f"the file holds more than {budget.limit:,} rows of data in all "
                "(MASTER_SHEET_MAX_ROWS); split it; nothing was imported"
            )
            return
        budget.left -= 1
        previous = number
        yield number, values[:max_columns]


class Book:
    """An opened file: ``sheets()`` yields its ``Sheet``s; ``close()`` frees it."""

    kind = ""

    def __init__(self):
        max_rows = settings.MASTER_SHEET_MAX_ROWS
        self.budget = RowBudget(max_rows, max_rows)

    def sheets(self):
        raise NotImplementedError

    def rows_estimate(self):
        """About how many rows the file holds, for a progress bar; None if unknown."""
        return None

    def close(self):
        pass


class XlsxBook(Book):
    kind = "xlsx"

    def __init__(self, workbook):
        super().__init__()
        self.workbook = workbook

    @property
    def sheetnames(self):
        return self.workbook.sheetnames

    def rows_estimate(self):
        sheets = [self.workbook[name] for name in self.workbook.sheetnames[:MAX_SHEETS]]
        return sum(_rows_stated_or_counted(sheet) for sheet in sheets) or None

    def sheets(self):
        _, max_columns, _ = limits()
        for count, name in enumerate(self.workbook.sheetnames):
            if count == MAX_SHEETS:
                yield _too_many_sheets(name)
                return
            worksheet = self.workbook[name]
            if isinstance(worksheet, Chartsheet):
                yield Sheet(name, chart=True)
                continue
            sheet = Sheet(name)
            sheet.rows = capped(sheet, stored_rows(worksheet, max_columns + 1), self.budget)
            yield sheet

    def close(self):
        self.workbook.close()


def _rows_stated_or_counted(worksheet):
    """The last row a sheet states, else the rows its XML holds (a fast count of tags)."""
    if isinstance(worksheet, Chartsheet):
        return 0
    if getattr(worksheet, "max_row", None) or not hasattr(worksheet, "_get_source"):
        return getattr(worksheet, "max_row", 0) or 0
    count, tail = 0, b""
    with worksheet._get_source() as source:
        while chunk := source.read(1 << 20):
            count += (tail + chunk).count(b"<row")
            tail = chunk[-3:]
    return count


def stored_rows(worksheet, width):
    """(row number, values) for the rows a read-only worksheet's XML holds, ``width`` wide.

    ``iter_rows`` pads every missing row, up to the size the sheet claims
    (``A1:XFD1048576``), to that claimed width; this walks only the stored
    rows, so a row at 1,048,576 is one step and is seen (and refused) rather
    than cut off. It uses openpyxl's own row parser, as ``iter_rows`` does
    (openpyxl is pinned).
    """
    workbook = worksheet.parent
    with worksheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            worksheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            values = [None] * min(width, max((cell["column"] for cell in cells), default=0))
            for cell in cells:
                column, value = cell["column"], cell["value"]
                if column < width:
                    values[column - 1] = value
                elif values[width - 1] is None and not _blank((value,)):
                    values[width - 1] = value if column == width else FarCell(column, value)
            yield number, tuple(values)


def _too_many_sheets(name):
    return Sheet(
        name,
        refused=f"the file has more than {MAX_SHEETS} sheets; nothing after this one was read",
    )


class CsvBook(Book):
    """One sheet, named after the file (so never taken for a place's sheet)."""

    kind = "csv"

    def __init__(self, text, name):
        super().__init__()
        self.text = text
        self.name = name or "CSV file"

    def rows_estimate(self):
        return self.text.count("\n") or None

    def sheets(self):
        sheet = Sheet(self.name)
        sheet.rows = capped(sheet, self._rows(sheet), self.budget)
        yield sheet

    def _rows(self, sheet):
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=csv_delimiter(self.text))
        width = settings.MASTER_SHEET_MAX_COLUMNS + 1
        try:
            for number, values in enumerate(reader, start=1):
                row = [value or None for value in values[:width]]
                if len(values) > width and row[-1] is None:
                    far = next(
                        (i for i, value in enumerate(values[width:], width + 1) if value.strip()),
                        None,
                    )
                    if far is not None:
                        row[-1] = FarCell(far, values[far - 1])
                yield number, tuple(row)
        except csv.Error as error:
            sheet.refused = f"line {reader.line_num:,} cannot be read as CSV ({error})"


def csv_delimiter(text):
    """Semicolon when it splits the first lines into more columns than a comma does."""
    sample = text[:65536]
    widest = {}
    for delimiter in CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            widest[delimiter] = max((len(row) for row in itertools.islice(reader, 20)), default=0)
        except csv.Error:
            widest[delimiter] = 0
    return ";" if widest[";"] > widest[","] else ","


def csv_text(data):
    """The file as text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


class OdsBook(Book):
    kind = "ods"

    def __init__(self, archive):
        super().__init__()
        self.archive = archive

    def sheets(self):
        with self.archive.open("content.xml") as source:
            yield from OdsSheets(source, self.budget)

    def close(self):
        self.archive.close()


def _q(namespace, name):
    return f"{{{namespace}}}{name}"


T_TABLE = _q(TABLE, "table")
T_NAME = _q(TABLE, "name")
T_ROW = _q(TABLE, "table-row")
T_CELL = _q(TABLE, "table-cell")
T_COVERED = _q(TABLE, "covered-table-cell")
T_ROWS_REPEATED = _q(TABLE, "number-rows-repeated")
T_COLUMNS_REPEATED = _q(TABLE, "number-columns-repeated")
T_FORMULA = _q(TABLE, "formula")
O_TYPE = _q(OFFICE, "value-type")
O_VALUE = _q(OFFICE, "value")
O_DATE = _q(OFFICE, "date-value")
O_BOOLEAN = _q(OFFICE, "boolean-value")
O_ANNOTATION = _q(OFFICE, "annotation")
X_P = _q(TEXT, "p")
X_S = _q(TEXT, "s")
X_TAB = _q(TEXT, "tab")
X_BREAK = _q(TEXT, "line-break")
_INTEGER = re.compile(r"^-?\d+$")


class OdsSheets:
    """Streams the tables of an .ods ``content.xml`` as ``Sheet``s.

    Each sheet's rows are a generator on the same ``iterparse``, so the parse
    runs only as far as the planner reads; whatever it leaves unread of a
    sheet is skipped (not yielded) before the next sheet starts.
    """

    def __init__(self, source, budget):
        self.events = iterparse(source, events=("start", "end"), forbid_dtd=True)
        self.budget = budget
        self.skipping = False

    def __iter__(self):
        count = 0
        stack = []
        for event, element in self.events:
            if event == "end":
                stack.pop()
                continue
            stack.append(element)
            if element.tag != T_TABLE:
                continue
            if count == MAX_SHEETS:
                yield _too_many_sheets(element.get(T_NAME, ""))
                return
            count += 1
            sheet = Sheet(element.get(T_NAME, f"Sheet{count}"))
            raw = self._rows(stack)
            sheet.rows = capped(sheet, raw, self.budget)
            yield sheet
            if sheet.refused:
                return
            self.skipping = True
            for _ in raw:  # the rest of this table, unread
                pass
            self.skipping = False

    def _rows(self, stack):
        """(row number, values) for this table's rows, until its end tag."""
        depth = len(stack)
        number = 0
        width = settings.MASTER_SHEET_MAX_COLUMNS + 1
        for event, element in self.events:
            if event == "start":
                stack.append(element)
                continue
            stack.pop()
            if len(stack) < depth:  # the table itself has ended
                if stack:
                    stack[-1].remove(element)
                return
            if element.tag != T_ROW:
                continue
            repeat = int(element.get(T_ROWS_REPEATED, "1") or 1)
            values = () if self.skipping else _row_values(element, width)
            stack[-1].remove(element)  # read: keep memory at one row
            if self.skipping or _blank(values):
                number += repeat  # a million repeated empty rows cost one step
                continue
            for _ in range(repeat):  # the reader stops at the caps
                number += 1
                yield number, values


def _row_values(row, width):
    """The row's first ``width`` values; a value further right goes in the last slot as a ``FarCell``."""
    values = []
    column = 0
    for cell in row:
        if cell.tag not in (T_CELL, T_COVERED):
            continue
        repeat = int(cell.get(T_COLUMNS_REPEATED, "1") or 1)
        value = _cell_value(cell) if cell.tag == T_CELL else None
        taken = min(repeat, max(width - len(values), 0))
        values.extend([value] * taken)
        if repeat > taken and not _blank((value,)):
            values[-1] = FarCell(column + taken + 1, value)
            break
        column += repeat
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


def _cell_value(cell):
    formula = cell.get(T_FORMULA)
    if formula:  # kept as text, never evaluated (as for .xlsx)
        return formula.split(":", 1)[1] if formula.startswith("of:") else formula
    kind = cell.get(O_TYPE)
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(O_VALUE, "")
        return int(raw) if _INTEGER.match(raw) else float(raw)
    if kind == "boolean":
        return cell.get(O_BOOLEAN) == "true"
    if kind == "date":
        return _ods_date(cell.get(O_DATE, ""))
    paragraphs = [_text(p) for p in cell if p.tag == X_P]
    if not paragraphs:
        return None
    return "\n".join(paragraphs)


def _ods_date(raw):
    try:
        moment = datetime.datetime.fromisoformat(raw)
    except ValueError:
        return raw
    return moment.replace(tzinfo=None)


def _text(element):
    """A paragraph's text: spans and links flattened, ``text:s`` and tabs as spaces."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == X_S:
            parts.append(" " * int(child.get(_q(TEXT, "c"), "1") or 1))
        elif child.tag == X_TAB:
            parts.append("\t")
        elif child.tag == X_BREAK:
            parts.append("\n")
        elif child.tag != O_ANNOTATION:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def ods_archive_is_spreadsheet(archive):
    try:
        return archive.read("mimetype").strip() == ODS_MIMETYPE.encode()
    except KeyError:
        return False


def ods_open(archive):
    return OdsBook(archive)


def zip_archive(data):
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return None

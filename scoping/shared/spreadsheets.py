"""Spreadsheet facts every app shares: content types, formula escaping, downloads.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` would run as a
formula when a spreadsheet opens the file; every writer passes text through
``escape_formula`` (a leading apostrophe) and every reader through
``unescape_formula``, so a round trip changes nothing.
"""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_CONTENT_TYPE = "application/json"
CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE, "json": JSON_CONTENT_TYPE}
FORMULA_STARTS = ("=", "+", "-", "@")
BYTE_ORDER_MARK = "\ufeff"


def escape_formula(value):
    """Text a spreadsheet would evaluate gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo ``escape_formula`` on a cell read back from a sheet."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def download(content, filename, *, streaming=False):
    """A response that saves ``content`` as ``filename``; the type follows its extension.

    ``.csv``, ``.xlsx`` and ``.json`` (a subject access file, the one download that
    is not a spreadsheet).
    """
    extension = filename.rsplit(".", 1)[-1].lower()
    response_class = StreamingHttpResponse if streaming else HttpResponse
    response = response_class(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class _Echo:
    """A file-like object whose ``write`` hands the line back, for streaming CSV."""

    def write(self, value):
        return value


LINES_PER_CHUNK = 200


def csv_lines(rows, *, byte_order_mark=True):
    """``rows`` as CSV text, a chunk of lines at a time, after a byte-order mark (so Excel
    reads UTF-8). Chunks of ``LINES_PER_CHUNK`` lines: a streamed download line by line
    spent as long encoding and handing on its pieces as writing them.

    ``None`` cells are written empty; cells are written as given (escape first).
    """
    writer = csv.writer(_Echo())
    if byte_order_mark:
        yield BYTE_ORDER_MARK
    lines = []
    for row in rows:
        lines.append(writer.writerow(["" if cell is None else cell for cell in row]))
        if len(lines) == LINES_PER_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def csv_text(rows, *, byte_order_mark=True):
    """``rows`` as one CSV string (see ``csv_lines``)."""
    return "".join(csv_lines(rows, byte_order_mark=byte_order_mark))


def xlsx_bytes(sheets):
    """A write-only workbook from ``{sheet title: rows}``; the bytes of the .xlsx file."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

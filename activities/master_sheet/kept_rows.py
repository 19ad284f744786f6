"""The rows a preview read, kept so that confirming it does not parse the file again.

Parsing the workbook's XML is most of a preview's time. A preview (``apply``'s dry run
of an admin upload) reads its file through ``Recording``, which notes each sheet's rows
as the planner takes them (after ``readers.capped``, so already within the caps) and
whether the sheet was refused; ``rows_pack`` stores them, compressed JSON, beside the
upload (``ImportRun.kept_rows``). Confirming plans again from ``KeptBook``, the same
rows in the same order: the planner cannot tell it from the file, so the stale check
and every error come out as they would from a second parse, against the directory as
it is at confirm.

JSON, not pickle: what is stored is data only. Values are the readers' (text, int,
float, bool, None, dates and times, ``FarCell``); the ones JSON has no type for are
written as a list (``["date", "2024-05-01"]``), which no cell value ever is. A kept
copy of another format (``FORMAT``) is ignored and the upload parsed instead.
"""

import datetime
import json
import zlib

from activities.master_sheet.readers import Book, FarCell, Sheet

FORMAT = 1

_DECODERS = {
    "datetime": datetime.datetime.fromisoformat,
    "date": datetime.date.fromisoformat,
    "time": datetime.time.fromisoformat,
    "timedelta": lambda parts: datetime.timedelta(*parts),
}


def _encode(value):
    if isinstance(value, datetime.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["date", value.isoformat()]
    if isinstance(value, datetime.time):
        return ["time", value.isoformat()]
    if isinstance(value, datetime.timedelta):
        return ["timedelta", [value.days, value.seconds, value.microseconds]]
    if isinstance(value, FarCell):
        return ["far", value.column, _plain(value.value)]
    raise TypeError(f"a cell value the import does not keep: {type(value).__name__}")


def _plain(value):
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return _encode(value)


def _decode(value):
    if value.__class__ is not list:
        return value
    kind = value[0]
    if kind == "far":
        return FarCell(value[1], _decode(value[2]))
    return _DECODERS[kind](value[1])


class Recording(Book):
    """A ``Book`` that notes the rows the planner takes from ``book``."""

    def __init__(self, book):
        super().__init__()
        self.book = book
        self.kind = book.kind
        self.kept = []

    def rows_estimate(self):
        return self.book.rows_estimate()

    def sheets(self):
        for sheet in self.book.sheets():
            entry = {"name": sheet.name, "chart": sheet.chart, "refused": "", "rows": []}
            self.kept.append(entry)
            noted = Sheet(sheet.name, chart=sheet.chart, refused=sheet.refused)
            noted.rows = self._rows(sheet, noted, entry)
            entry["refused"] = noted.refused
            yield noted

    @staticmethod
    def _rows(sheet, noted, entry):
        rows = entry["rows"]
        for number, values in sheet.rows:
            rows.append((number, values))
            yield number, values
        noted.refused = entry["refused"] = sheet.refused

    def close(self):
        self.book.close()


def rows_pack(recording):
    """The rows ``recording`` noted, as bytes to store."""
    sheets = [
        {**entry, "rows": [[number, *values] for number, values in entry["rows"]]}
        for entry in recording.kept
    ]
    text = json.dumps({"format": FORMAT, "sheets": sheets}, default=_encode)
    return zlib.compress(text.encode(), 1)


class KeptBook(Book):
    """The rows a preview kept (``rows_pack``), read as the file was."""

    kind = "kept"

    def __init__(self, sheets):
        super().__init__()
        self.kept = sheets

    def rows_estimate(self):
        return sum(len(entry["rows"]) for entry in self.kept) or None

    def sheets(self):
        for entry in self.kept:
            sheet = Sheet(entry["name"], chart=entry["chart"], refused=entry["refused"])
            sheet.rows = (
                (row[0], tuple([_decode(value) for value in row[1:]])) for row in entry["rows"]
            )
            yield sheet


def kept_book(packed):
    """A ``KeptBook`` for stored bytes, or None if there are none or of another format."""
    if not packed:
        return None
    try:
        data = json.loads(zlib.decompress(bytes(packed)))
        if data.get("format") != FORMAT:
            return None
        return KeptBook(data["sheets"])
    except (zlib.error, ValueError, AttributeError, KeyError):
        return None

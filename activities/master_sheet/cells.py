"""One master-sheet cell: reading it into a field's value, and writing a value back.

Each reader takes the raw cell (already un-escaped) and returns the stored
value or raises ``CellError`` with the reason a person can act on. Writers
(``yes_no_text``) give what a reader reads back as the same value.
"""

import datetime
import re
import uuid
from urllib.parse import urlsplit

from openpyxl.utils.datetime import from_excel

from activities.vocabulary.spelling import clean_text, value_key


class CellError(ValueError):
    """A cell that cannot be read; ``str()`` is the reason, ``accepted`` what would do."""

    def __init__(self, reason, accepted=""):
        super().__init__(reason)
        self.accepted = accepted


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_HOST = re.compile(r"^[\w.-]+\.[\w-]{2,}(:\d+)?$")


def as_text(raw):
    """Any cell as text: numbers without a trailing “.0”, dates as YYYY-MM-DD."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat(" ")
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw)


def single_line(raw, max_length):
    """Names, venues, initials: whitespace collapsed to single spaces."""
    text = clean_text(as_text(raw))
    if len(text) > max_length:
        raise CellError(f"is {len(text)} characters long; at most {max_length} fit")
    return text


def free_text(raw):
    """Contact details and notes: line breaks kept, ends trimmed."""
    text = as_text(raw).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def website(raw, max_length=500):
    text = clean_text(as_text(raw))
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    if len(text) > max_length:
        raise CellError(f"is longer than {max_length} characters")
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unmatched "[" in the host ("Invalid IPv6 URL")
        raise CellError(
            "is not a web address", "a web address such as https://example.org"
        ) from None
    if parts.scheme not in ("http", "https") or not _HOST.match(parts.netloc) or " " in text:
        raise CellError("is not a web address", "a web address such as https://example.org")
    return text


PUBLISHED_ID_ACCEPTED = (
    "a published id as the export writes it, e.g. 3f0c6a62-9b1e-4c1d-8f3a-2a5d7e9b4c10, or "
    "blank for a new activity; a column of your own references needs another header, "
    "e.g. “Ref”"
)


def published_id(raw):
    """An activity's published id (a UUID, any case, braces or hyphens optional); blank is None."""
    return _uuid(raw, "is not a published id", PUBLISHED_ID_ACCEPTED)


ORGANISATION_ID_ACCEPTED = (
    "an organisation id as the export writes it, e.g. 9d2f4b1a-6c3e-4f8a-b7d5-1e0c2a4f6b83, "
    "or blank to find the organisation by its name; a column of your own references "
    "(a charity number) needs another header, e.g. “Charity number”"
)


def organisation_id(raw):
    """An organisation's published id, read as ``published_id``; blank is None."""
    return _uuid(raw, "is not an organisation id", ORGANISATION_ID_ACCEPTED)


def _uuid(raw, reason, accepted):
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise CellError(reason, accepted)
    text = raw.strip()
    if not text:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise CellError(reason, accepted) from None


def yes_no_text(value):
    """True, False, None as Yes, No and blank: what ``yes_no`` reads back."""
    return "" if value is None else ("Yes" if value else "No")


def yes_no(raw):
    """Yes/No/Y/N/TRUE/FALSE (or a real boolean); blank means not known."""
    if isinstance(raw, bool):
        return raw
    key = value_key(as_text(raw))
    if not key:
        return None
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError("is not yes or no", "Yes, No, Y, N, TRUE, FALSE or blank")


def date(raw):
    """An Excel date, an Excel day number, or text DD/MM/YYYY or YYYY-MM-DD."""
    if raw is None:
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        try:
            return from_excel(raw).date()
        except (ValueError, OverflowError, TypeError):
            raise CellError("is not a date", DATE_FORMATS) from None
    text = clean_text(raw)
    if not text:
        return None
    found = _DMY.match(text)
    parts = None
    if found:
        parts = (found[3], found[2], found[1])
    else:
        found = _ISO.match(text)
        if found:
            parts = (found[1], found[2], found[3])
    if parts is None:
        raise CellError("is not a date", DATE_FORMATS)
    try:
        return datetime.date(*(int(part) for part in parts))
    except ValueError:
        raise CellError("is not a real date", DATE_FORMATS) from None


DATE_FORMATS = "an Excel date, DD/MM/YYYY or YYYY-MM-DD"
# Shared experiences are separated by ";", "," or line breaks; "/" belongs to some names.
_EXPERIENCE_SEPARATORS = re.compile(r"[;,\n\r]+")


def experience_parts(raw):
    return [part.strip() for part in _EXPERIENCE_SEPARATORS.split(as_text(raw)) if part.strip()]

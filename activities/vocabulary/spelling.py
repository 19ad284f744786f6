"""Tolerant comparison keys for spreadsheet text.

The master-sheet rules say case, whitespace (including line breaks), ``&``
versus ``and`` and punctuation do not matter when matching values, and that
headers also ignore text in brackets. Two strings match when their keys are
equal; keys are stored beside names (``name_key``) so that identity checks
run in the database.
"""

import re
import unicodedata

_BRACKETED = re.compile(r"[(\[][^)\]]*[)\]]")
_AMPERSAND = re.compile(r"\s*&\s*")
# Everything but letters, digits and "+" (which tells "LGBTQ+" from "LGBTQ").
_IGNORED = re.compile(r"[^\w+]|_", re.UNICODE)


def value_key(text) -> str:
    """The key two spellings of one value share: "Men's  Mental-Health" -> "mensmentalhealth"."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = _AMPERSAND.sub(" and ", text)
    return _IGNORED.sub("", text)


def header_key(text) -> str:
    """Like ``value_key`` but text in brackets is dropped, as header cells carry hints there."""
    if text is None:
        return ""
    return value_key(_BRACKETED.sub(" ", str(text)))


def clean_text(text) -> str:
    """Collapse runs of whitespace and trim: what a name is stored as."""
    if text is None:
        return ""
    return " ".join(str(text).split())

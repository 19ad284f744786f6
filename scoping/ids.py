"""Telling a submitted record id from anything else, before it reaches a query."""

MAX_ID = 2**63 - 1  # the largest 64-bit database key


def is_database_id(value):
    """True for a string of ASCII digits a 64-bit database key can hold.

    ``str.isdigit`` alone also accepts characters such as "²" that ``int``
    refuses, so both checks are needed.
    """
    value = str(value)
    return value.isascii() and value.isdigit() and int(value) <= MAX_ID

"""Telling a submitted record id from anything else, before it reaches a query."""

MIN_ID, MAX_ID = -(2**63), 2**63 - 1  # what a 64-bit database integer holds


def is_database_id(value):
    """True for a string of ASCII digits a 64-bit database key can hold.

    ``str.isdigit`` alone also accepts characters such as "²" that ``int``
    refuses, so both checks are needed.
    """
    value = str(value)
    return value.isascii() and value.isdigit() and int(value) <= MAX_ID


def fits_database_integer(value):
    """Whether ``value`` can be looked up as an id without the driver overflowing.

    Text that is not a number is fine: Django reports it as an invalid choice.
    """
    try:
        number = int(str(value).strip())
    except ValueError:
        return True
    return MIN_ID <= number <= MAX_ID

"""Small-number protection for the interview figures on the report pages.

The report pages are read outside the interview team, and a place may have
only a handful of participants: "1 NHS manager in Harrogate" points at a
person. So every count of 1 or 2 is hidden ("primary" suppression), and so is
one more count wherever the hidden one could otherwise be worked out by
subtraction from a total shown on some page ("complementary" suppression).

The figures form a grid per table: a row per place, a column per category,
each place's total (participants interviewed there), each category's regional
count, and the regional total. Every row and column is a "line": its members
add up to its total, so a line gives away a hidden figure when it is the only
one hidden in the line (the total included). Hidden figures all read alike
("not shown") and are never 0, so a line whose total is shown also gives its
hidden members away when they add up to their number (each must then be 1).
A line that gives something away hides its smallest shown non-zero member, or,
when it has none, its total; that is repeated over every line until nothing
changes.

This is a guard against the obvious arithmetic, not formal disclosure control.
"""

THRESHOLD = 3  # counts from 1 to THRESHOLD - 1 are never shown
SUPPRESSED = "not shown"  # what a hidden count or percentage reads as, on the page and in exports


def is_small(count):
    return 0 < count < THRESHOLD


def _gives_away(hidden_values, total_hidden):
    if total_hidden:
        return not hidden_values
    return bool(hidden_values) and (
        len(hidden_values) == 1 or sum(hidden_values) == len(hidden_values)
    )


def protect(values, lines):
    """The set of cell keys to hide.

    ``values``: {cell key: count} for every figure that appears on some page.
    ``lines``: [(member keys, total key)]: the members add up to the total.
    """
    hidden = {key for key, count in values.items() if is_small(count)}
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if values[total] == 0:
                continue
            if not _gives_away([values[m] for m in members if m in hidden], total in hidden):
                continue
            shown = [m for m in members if m not in hidden and values[m] > 0]
            if shown:
                hidden.add(min(shown, key=lambda m: (values[m], str(m))))
            else:
                hidden.add(total)
            changed = True
    return hidden

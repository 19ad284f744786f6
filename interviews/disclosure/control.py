"""Small-number protection for the interview figures on the report pages.

The report pages are read outside the interview team, and a place may have
only a handful of participants: "1 NHS manager in Harrogate" points at a
person. So every count of 1 or 2 is hidden ("primary" suppression), and so are
further counts until no hidden count can be worked out to be 1 or 2 from all
the published figures together ("complementary" suppression).

The figures form a grid per table: a row per place, a column per category,
each place's total (participants interviewed there), each category's regional
count, and the regional total. Every row and column is a "line": its members
add up to its total. Some figures are also no larger than others (``at_most``:
a theme's participants in a place are no more than the people interviewed
there). Hidden figures all read alike ("not shown") and are never 0.

Two steps. First the obvious arithmetic, line by line: a line gives a hidden
figure away when it is the only one hidden in the line (the total included),
or when its total is shown and its hidden members add up to their number (each
must then be 1); such a line hides its smallest shown non-zero member, or,
when it has none, its total. Then the audit (``disclosure_audit``) solves
every published figure together as an integer programme, as a reader
determined to could, and finds each small hidden count's largest possible
value; while one is still pinned under the threshold, the nearest shown
non-zero figure connected to it (smallest first) is hidden too, and both
steps run again. Hiding every non-zero figure would leave nothing pinned, so
this ends. See ``docs/disclosure.md``.
"""

from interviews.disclosure.audit import difference_pins, pinned_cells

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


def _hide(hidden, key, companions):
    hidden.add(key)
    hidden.update(companions.get(key, ()))


def protect_lines(values, lines, hidden=None, companions=None):
    """The line-by-line step: ``hidden`` (default: the small counts) grown until no single
    line gives a hidden figure away. ``companions``: {key: keys hidden with it}."""
    companions = companions or {}
    hidden = set() if hidden is None else set(hidden)
    for key, count in values.items():
        if is_small(count):
            _hide(hidden, key, companions)
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
                _hide(hidden, min(shown, key=lambda m: (values[m], str(m))), companions)
            else:
                _hide(hidden, total, companions)
            changed = True
    return hidden


def _neighbours(lines, at_most):
    """{key: keys sharing a line or an ``at_most`` pair with it}."""
    near = {}
    groups = [[*members, total] for members, total in lines] + [list(p) for p in at_most]
    for group in groups:
        for key in group:
            near.setdefault(key, set()).update(group)
    return near


def _nearest_shown(key, values, hidden, near):
    """The smallest shown non-zero figure among the nearest ones connected to ``key``."""
    seen, frontier = {key}, [key]
    while frontier:
        ring = {n for k in frontier for n in near.get(k, ()) if n not in seen}
        seen |= ring
        shown = [n for n in ring if n not in hidden and values[n] > 0]
        if shown:
            return min(shown, key=lambda n: (values[n], str(n)))
        frontier = list(ring)
    return None


class CannotProtect(Exception):
    """Nothing left to hide would stop a count being worked out (only across releases)."""


def protect(
    values,
    lines,
    at_most=(),
    companions=None,
    previous=None,
    exempt=(),
    at_least=(),
    latent=(),
    previous_at_least=(),
):
    """The set of cell keys to hide, such that the audit pins no hidden count under the threshold.

    ``values``: {cell key: count} for every figure that appears on some page.
    ``lines``: [(member keys, total key)]: the members add up to the total.
    ``at_most``: [(smaller key, larger key)]. ``companions``: {key: keys hidden with it}.
    ``previous``: the figures an earlier release published ({key: count or None}): then
    no change since it may be pinned to 1 or 2 either (``difference_pins``), except
    those of the ``exempt`` keys.
    ``at_least``: [(keys, bound)]: what the quotes published with the figures say (so
    many people share these labels); ``previous_at_least`` the earlier release's.
    ``latent``: keys never published (how many people share a quote's labels in a
    place, which may be 0): always hidden, in the audit's lines, not in the
    line-by-line step (which takes a hidden figure to be at least 1).
    """
    companions = companions or {}
    latent = set(latent)
    near = _neighbours(lines, at_most)
    shown_lines = [
        (members, total)
        for members, total in lines
        if total not in latent and not latent.intersection(members)
    ]
    hidden = protect_lines(values, shown_lines, hidden=latent, companions=companions)
    while True:
        if pinned := pinned_cells(values, hidden, lines, at_most, THRESHOLD, at_least, latent):
            extra = {_nearest_shown(key, values, hidden, near) for key in pinned}
        elif previous is not None and (
            changed := difference_pins(
                values,
                hidden,
                previous,
                lines,
                at_most,
                THRESHOLD,
                exempt,
                at_least,
                previous_at_least,
                latent,
            )
        ):
            # A shown figure whose change is pinned is hidden; a hidden one takes a neighbour.
            extra = {
                key
                if key not in hidden and values[key]
                else _nearest_shown(key, values, hidden, near)
                for key in changed
            }
        else:
            return hidden
        if None in extra:
            raise CannotProtect("A count is pinned with nothing left to hide.")
        for key in extra:
            _hide(hidden, key, companions)
        hidden = protect_lines(values, shown_lines, hidden, companions)

"""The disclosure audit's report in words, for ``manage.py audit_interview_figures`` and
for the audit job's downloadable report alike."""

from activities.models import Place
from reports.interview_figures.release import figure_label, ranges

ERROR = "error"
SUCCESS = "success"
PASSED = (
    "Audit passed: no hidden count, and no change since the last release, can be worked out "
    "to be 1 or 2."
)
FAILED = "The audit found figures that could be worked out."
TOO_SMALL = "The change since the last release is too small to publish: wait for more interviews."


def audit_lines(candidate, pinned, changed, *, with_ranges=False):
    """[(style, text)]: how many figures are shown and hidden, each hidden figure's
    possible range (``with_ranges``), what can be worked out, and the verdict; style is
    "", ``ERROR`` or ``SUCCESS``."""
    places = dict(Place.objects.values_list("pk", "name"))

    def label(key):
        return figure_label(key, candidate.themes, places)

    shown = len(candidate.values) - len(candidate.hidden)
    lines = [
        ("", f"{len(candidate.values)} figures: {shown} shown, {len(candidate.hidden)} not shown.")
    ]
    if candidate.previous is None:
        lines.append(("", "No earlier release: nothing to compare with."))
    if with_ranges:
        possible = ranges(candidate)
        lines += [("", f"  {label(key)}: {possible[key]}") for key in sorted(possible, key=label)]
    lines += [(ERROR, f"Can be worked out: {label(key)}") for key in pinned]
    lines += [(ERROR, f"Its change since the last release: {label(key)}") for key in changed]
    lines.append((ERROR, FAILED) if pinned or changed else (SUCCESS, PASSED))
    return lines

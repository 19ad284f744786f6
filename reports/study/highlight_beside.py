"""A report page's highlights, each with today's figures beside it and whether it still holds.

Read from the page's own ``Report`` (its highlights, activity breakdowns and released
interview panels): no query of its own. What a highlight is ``about`` says what is put
beside it:

- a breakdown of the activities: its leading categories today, as the page counts them
  (every category found when the highlight states no order);
- ``total``: the activities found in the area today (for a place, its own and those it
  shares, as the study's place pages counted them) and the page's population;
- who was interviewed (``interview_sector``, ``interview_paid``): the team's latest
  release of that panel, hidden counts "not shown" as everywhere else;
- nothing: no figure.

Whether it still holds (``reports.study.highlight_holds``) is judged against every
activity, as the study counted them: with the page's options narrowing what is counted,
the figures beside are the page's but no judgement is given.
"""

from dataclasses import dataclass, field

from reports.figures.area_figures import figures_of
from reports.figures.summaries import ReportOptions
from reports.figures.tables import INTERVIEWS
from reports.study.highlight_holds import INTERVIEW_KEYS, reasons_against
from reports.study.highlight_models import TOTAL

SHOWN = 3  # the leading categories shown beside a highlight, at least


@dataclass
class Beside:
    """One highlight and what is put beside it."""

    highlight: object
    kind: str  # "breakdown", "total", "interviews" or "" (nothing beside it)
    title: str = ""  # the breakdown's title
    rows: list = field(default_factory=list)  # tables.Row, most first
    found: int | None = None  # for "total": the activities found in the area
    reasons: list | None = None  # why it may no longer hold; None when not judged

    @property
    def holds(self):
        """It still holds, and says something the figures can check: a total or an order
        (a point naming no order is only ever said to no longer hold, when its total moves)."""
        checkable = self.kind == "total" or bool(self.highlight.written_order)
        return self.reasons == [] and checkable


@dataclass
class HighlightsBeside:
    rows: list[Beside]
    judged: bool  # False when the page's options count fewer than every activity

    @property
    def study(self):
        return [row for row in self.rows if row.highlight.is_the_studys]

    @property
    def teams(self):
        return [row for row in self.rows if not row.highlight.is_the_studys]


def _leading(rows, named):
    """The rows to show, most first (the hidden last): those named and the leading ones,
    or, when a highlight names no order, every category found (what it says of them)."""
    ordered = sorted(rows, key=lambda r: (r.count is None, -(r.count or 0), r.label))
    shown = [r for r in ordered if r.count != 0]
    leading = max(SHOWN, len(named)) if named else len(shown)
    return [r for i, r in enumerate(shown) if i < leading or r.value in named]


def highlights_beside(report):
    """Every highlight of ``report``'s page, with today's figures beside it."""
    judged = report.options == ReportOptions()
    area = figures_of(report)
    breakdowns = {b.key: b for b in report.breakdowns}
    interviews_shown = not getattr(report.interview_release, "withheld", "")
    rows = []
    for highlight in report.highlights:
        about = highlight.about
        named = [v for v in highlight.written_order or [] if isinstance(v, str)]
        breakdown = breakdowns.get(about)
        labels = {r.value: r.label for r in breakdown.rows} if breakdown else {}
        reasons = reasons_against(highlight, area, labels) if judged else None
        if about in INTERVIEW_KEYS:
            beside = Beside(highlight, "interviews", reasons=None)
            if breakdown and breakdown.section == INTERVIEWS and interviews_shown:
                beside.title = breakdown.title
                beside.rows = _leading(breakdown.rows, [])
        elif about == TOTAL:
            beside = Beside(highlight, "total", found=area.found, reasons=reasons)
        elif breakdown is not None:
            beside = Beside(
                highlight, "breakdown", breakdown.title, _leading(breakdown.rows, named), None
            )
            beside.reasons = reasons
        else:
            beside = Beside(highlight, "", reasons=reasons)
        rows.append(beside)
    return HighlightsBeside(rows, judged)

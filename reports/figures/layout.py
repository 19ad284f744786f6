"""The order of a report page after its summary: the sections of its accordion, each a
heading (its id ``heading-<key>``, the one the section's own links and landmarks name)
and a template, listed again in the page's contents.

The GOV.UK accordion names each section's content ``<accordion id>-content-<n>``, counting
from 1 in page order, so the list is built here, whatever sections a page has, and the
template numbers them as it loops.
"""

from dataclasses import dataclass

ACCORDION_ID = "sections"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    cached: bool = False  # drawn from the activity figures only: kept until they change

    @property
    def heading_id(self):
        return f"heading-{self.key}"


def report_sections(report, change=None):
    """The sections of ``report``'s page, in order."""
    if report is None:
        return []
    glance = (
        "The six places compared, and the charts at a glance"
        if report.place is None
        else f"{report.place.name} among the six places, and the charts at a glance"
    )
    sections = [
        Section("glance", glance, "reports/figures/_at_a_glance.html"),
        Section("coverage", "What is counted", "reports/figures/_coverage.html"),
    ]
    if change is not None:
        sections.append(
            Section(
                "change-since",
                f"Change since {change.label}",
                "reports/snapshots/_change_since.html",
            )
        )
    sections.append(
        Section("currency", "How recently these were checked", "reports/figures/_currency.html")
    )
    if report.place is None:
        sections += [
            Section("places", "Places", "reports/figures/_places_table.html", cached=True),
            Section("gaps", "Gap finder", "reports/figures/_gap_finder.html", cached=True),
        ]
    sections += [
        Section(b.key, b.title, "reports/figures/_breakdown_section.html", cached=True)
        for b in report.activity_breakdowns
    ]
    sections += [
        Section("interviews", "Interviews", "reports/figures/_interviews.html"),
        Section("recommendations", "Recommendations", "reports/study/_recommendations.html"),
    ]
    return sections

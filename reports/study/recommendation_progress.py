"""What each place has recorded against the study's suggested actions: for the report
pages (a grid of actions by place) and their downloads. Two queries, whatever the data.
"""

from dataclasses import dataclass, field

from reports.study.recommendation_models import ActionProgress, ProgressStatus, SuggestedAction
from scoping.shared.spreadsheets import escape_formula

NOT_RECORDED = "Not recorded"
# GOV.UK tag colours for each status, so the grid reads at a glance.
STATUS_TAGS = {
    ProgressStatus.NOT_STARTED: "govuk-tag--grey",
    ProgressStatus.PLANNED: "govuk-tag--light-blue",
    ProgressStatus.IN_PROGRESS: "govuk-tag--blue",
    ProgressStatus.DONE: "govuk-tag--green",
    ProgressStatus.NOT_APPLICABLE: "govuk-tag--yellow",
}


@dataclass
class Cell:
    place: object
    progress: object = None  # the place-wide ActionProgress, if one is recorded

    @property
    def label(self):
        return self.progress.get_status_display() if self.progress else NOT_RECORDED

    @property
    def tag(self):
        return STATUS_TAGS[self.progress.status] if self.progress else "govuk-tag--grey"


@dataclass
class ActionRow:
    action: object
    cells: list
    organisations: list = field(default_factory=list)  # organisation-level progress


@dataclass
class AreaRows:
    area: object
    rows: list


def recommendation_progress(places):
    """The areas in the study's order, each with its actions and a cell per place."""
    places = list(places)
    actions = list(SuggestedAction.objects.in_study_order())
    records = (
        ActionProgress.objects.filter(place__in=places)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    by_place, by_organisation = {}, {}
    for record in records:
        if record.organisation_id is None:
            by_place[(record.action_id, record.place_id)] = record
        else:
            by_organisation.setdefault(record.action_id, []).append(record)
    place_names = {place.pk: place for place in places}
    for records_ in by_organisation.values():
        for record in records_:
            record.place = place_names[record.place_id]
    areas = []
    for action in actions:
        if not areas or areas[-1].area.pk != action.area_id:
            areas.append(AreaRows(area=action.area, rows=[]))
        areas[-1].rows.append(
            ActionRow(
                action=action,
                cells=[Cell(place, by_place.get((action.pk, place.pk))) for place in places],
                organisations=by_organisation.get(action.pk, []),
            )
        )
    return areas


HEADERS = [
    "Area",
    "Area for consideration",
    "Action",
    "Suggested action",
    "Place",
    "Organisation",
    "Status",
    "Note",
    "Noted on",
]


def progress_rows(areas):
    """One row per action and place (the place as a whole), then its organisations' rows."""
    rows = []
    for area_rows in areas:
        area = area_rows.area
        for row in area_rows.rows:
            start = [area.number, area.title, row.action.label, row.action.text]
            for cell in row.cells:
                p = cell.progress
                rows.append(
                    [
                        *start,
                        cell.place.name,
                        "",
                        cell.label,
                        p.note if p else "",
                        p.noted_on if p else None,
                    ]
                )
            for p in row.organisations:
                rows.append(
                    [
                        *start,
                        p.place.name,
                        p.organisation.name,
                        p.get_status_display(),
                        p.note,
                        p.noted_on,
                    ]
                )
    return [[escape_formula(cell) for cell in row] for row in rows]

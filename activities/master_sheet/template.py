"""An empty master sheet to start from: the study's disclaimer on its own first sheet,
then one sheet per place (and "Several places", "WY&H wide") with the canonical headers,
and drop-down lists of the allowed values on every enumerated column.

The allowed values live on a hidden "Allowed values" sheet that the importer skips (no
header row: each column is a list of values), because Excel keeps a list typed into a
validation to 255 characters. Imported back as it is, the template reads as a valid,
empty sheet.
"""

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from activities.directory.disclaimer import disclaimer_sheet_add
from activities.master_sheet.export import SEVERAL_PLACES_SHEET, sheet_title
from activities.master_sheet.layout import COLUMNS, HEADERS, LISTS_SHEET
from activities.models import Place, SharedExperience
from activities.reference.coverage import REGION_LABEL
from activities.vocabulary.terms import ENUMERATION

ROWS_VALIDATED = 2000  # rows under the header that offer the drop-down lists
YES_NO = ["Yes", "No"]


def allowed_values():
    """{field: [allowed values as a person types them]} for the columns with a list."""
    places = list(Place.objects.order_by("name").values_list("name", flat=True))
    allowed = {
        "place": [*places, REGION_LABEL],
        "shared_experiences": list(
            SharedExperience.objects.order_by("name").values_list("name", flat=True)
        ),
        "online": YES_NO,
        "self_described_peer_support": YES_NO,
        "found_through_network": YES_NO,
    }
    for field in (name for _, name in COLUMNS):
        if field in ENUMERATION:
            allowed[field] = list(ENUMERATION[field].labels.values())
    in_sheet = {name for _, name in COLUMNS}
    return {field: values for field, values in allowed.items() if field in in_sheet}


def sheet_names():
    places = Place.objects.order_by("name").values_list("name", flat=True)
    return [*(sheet_title(name) for name in places), SEVERAL_PLACES_SHEET, REGION_LABEL]


def template_write(file):
    """Write the empty master sheet to ``file`` (a binary file object)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    disclaimer_sheet_add(workbook)
    allowed = allowed_values()
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    ranges = {}
    for index, (field, values) in enumerate(allowed.items(), start=1):
        letter = get_column_letter(index)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=index, value=value)
        ranges[field] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"
    fields = [name for _, name in COLUMNS]
    for name in sheet_names():
        sheet = workbook.create_sheet(name)
        sheet.append(HEADERS)
        sheet.freeze_panes = "A2"
        for index, field in enumerate(fields, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, min(40, len(HEADERS[index - 1]) + 4))
            if field not in ranges:
                continue
            several = field == "shared_experiences"  # "Anxiety; Loneliness": any text allowed
            validation = DataValidation(
                type="list",
                formula1=ranges[field],
                allow_blank=True,
                showErrorMessage=not several,
                errorTitle="Not an allowed value",
                error=f"Choose a {HEADERS[index - 1].lower()} from the list.",
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{ROWS_VALIDATED + 1}")
    workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames))
    workbook.save(file)

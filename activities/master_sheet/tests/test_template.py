"""The empty master sheet a champion starts from: the disclaimer first, a sheet per place
with the headers, drop-down lists of the allowed values, and it imports as an empty,
valid sheet."""

import io

import openpyxl
import pytest
from django.urls import reverse

from activities.directory.disclaimer import DISCLAIMER_SHEET
from activities.master_sheet.layout import HEADERS
from activities.master_sheet.plan import master_sheet_plan
from activities.master_sheet.readers import XlsxBook
from activities.master_sheet.template import LISTS_SHEET
from activities.models import Place

pytestmark = pytest.mark.django_db


def template(client):
    response = client.get(reverse("admin:activities_importrun_template"))
    assert response.status_code == 200
    assert "master-sheet-template.xlsx" in response["Content-Disposition"]
    return response.content


def test_the_template_has_the_disclaimer_first_a_sheet_per_place_and_the_headers(
    client_for, champion
):
    book = openpyxl.load_workbook(io.BytesIO(template(client_for(champion))))

    places = sorted(Place.objects.values_list("name", flat=True))
    assert book.sheetnames == [
        DISCLAIMER_SHEET,
        *places,
        "Several places",
        "WY&H wide",
        LISTS_SHEET,
    ]
    assert book[LISTS_SHEET].sheet_state == "hidden"
    leeds = book["Leeds"]
    assert [cell.value for cell in leeds[1]] == HEADERS
    assert leeds.max_row == 1  # no rows yet


def test_enumerated_columns_offer_the_allowed_values(client_for, champion):
    book = openpyxl.load_workbook(io.BytesIO(template(client_for(champion))))
    sheet, lists = book["Leeds"], book[LISTS_SHEET]

    column = HEADERS.index("Sector") + 1
    letter = openpyxl.utils.get_column_letter(column)
    [validation] = [v for v in sheet.data_validations.dataValidation if f"{letter}2" in v.sqref]
    assert validation.type == "list" and validation.showErrorMessage
    source = validation.formula1.split("!")[1].replace("$", "")
    values = [cell.value for row in lists[source] for cell in row]
    assert "Third Sector" in values and "NHS" in values


def test_the_template_imports_as_an_empty_valid_sheet(client_for, champion):
    book = openpyxl.load_workbook(io.BytesIO(template(client_for(champion))), read_only=True)

    plan = master_sheet_plan(XlsxBook(book))

    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.rows == []
    assert (LISTS_SHEET, "the template's lists of allowed values") in plan.skipped


@pytest.mark.parametrize("role", ["analyst", "commissioner", "interviewer"])
def test_only_those_who_may_import_get_the_template(client_for, request, role):
    response = client_for(request.getfixturevalue(role)).get(
        reverse("admin:activities_importrun_template")
    )
    assert response.status_code in (302, 403)


def test_the_upload_page_offers_the_template(client_for, champion):
    page = client_for(champion).get(reverse("admin:activities_importrun_upload")).content.decode()
    assert reverse("admin:activities_importrun_template") in page

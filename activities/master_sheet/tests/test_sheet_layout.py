import datetime

import pytest

from activities.master_sheet.export import activity_cells
from activities.master_sheet.layout import HEADERS
from activities.tests.factories import make_activity
from scoping.shared.spreadsheets import escape_formula, unescape_formula


@pytest.mark.parametrize("text", ["=SUM(A1)", "+44 113", "-1", "@cmd"])
def test_formula_text_is_escaped_and_restored(text):
    escaped = escape_formula(text)
    assert escaped == "'" + text
    assert unescape_formula(escaped) == text


def test_ordinary_values_pass_through():
    assert escape_formula("Walk and talk") == "Walk and talk"
    assert escape_formula(None) is None
    assert unescape_formula("'quoted'") == "'quoted'"


@pytest.mark.django_db
def test_an_activity_becomes_canonical_cells():
    activity = make_activity(
        "Armley Walk",
        organisation="Armley Mind",
        notes="=HYPERLINK()",
        online=True,
        date_scoped=datetime.date(2020, 2, 1),
    )
    cells = dict(zip(HEADERS, activity_cells(activity, ["Carers", "Anxiety"]), strict=True))
    assert cells["Place"] == "Leeds"
    assert cells["Sector"] == "Third Sector"
    assert cells["Shared experience"] == "Anxiety; Carers"
    assert cells["Online"] == "Yes"
    assert cells["Self-described peer support"] == ""
    assert cells["Notes"] == "'=HYPERLINK()"
    assert cells["Date scoped"] == datetime.date(2020, 2, 1)

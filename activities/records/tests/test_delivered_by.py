"""Who delivers an activity (paid peer workers, volunteers, both, not known), end to end:
the master sheet (an optional column with its spellings), the admin, the directory's
filter and its counts, the report's breakdown and the API's attribute."""

import io

import pytest

from activities.api.identifiers import term_id
from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import master_sheet_export
from activities.models import Activity
from activities.records.tests.test_admin import activity_form
from activities.tests.factories import make_activity
from activities.tests.workbooks import CANONICAL, read_sheets, row, workbook_bytes
from activities.vocabulary.terms import DeliveredBy

pytestmark = pytest.mark.django_db


def imported(data, name="master.xlsx"):
    run, plan = master_sheet_import(data=data, file_name=name)
    assert plan is not None and plan.ok, plan.problem_messages() if plan else run.problems
    return run


def sheet(header="Paid or volunteer"):
    """Bradford, with the column under one of its other headers and field spellings."""
    return workbook_bytes(
        {
            "Bradford & Craven": [
                [*CANONICAL, header],
                [*row("Keighley Young People's Group"), "Volunteer-led"],
                [*row("Shipley Recovery Cafe"), "paid staff"],
                [*row("Ilkley Walk and Talk"), "Staff & volunteers"],
                [*row("Skipton Carers' Circle"), ""],
            ]
        }
    )


def delivered():
    return dict(Activity.objects.values_list("name", "delivered_by"))


def test_the_sheet_column_maps_spellings_and_a_blank_cell_means_not_known():
    imported(sheet())
    assert delivered() == {
        "Keighley Young People's Group": "volunteers",
        "Shipley Recovery Cafe": "paid",
        "Ilkley Walk and Talk": "both",
        "Skipton Carers' Circle": "unknown",
    }


def test_a_sheet_without_the_column_leaves_it_not_known_and_delivered_by_is_still_the_organisation():
    data = workbook_bytes(
        {
            "Leeds": [
                ["Activity name", "Delivered by", *CANONICAL[2:]],
                row("Armley Hearing Voices", organisation="Leeds Mind"),
            ]
        }
    )
    imported(data)
    activity = Activity.objects.get()
    assert activity.organisation.name == "Leeds Mind"
    assert activity.delivered_by == DeliveredBy.UNKNOWN


def test_it_exports_under_its_own_header_and_reimports_unchanged():
    imported(sheet())
    out = io.BytesIO()
    master_sheet_export(file=out)
    rows = read_sheets(out.getvalue())["Bradford & Craven"]
    header = rows[0]
    keighley = dict(zip(header, next(r for r in rows if r[0].startswith("Keighley")), strict=True))
    assert keighley["Delivered by paid or volunteers"] == "Volunteers"
    again = imported(out.getvalue(), "export.xlsx")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 4)


def test_a_value_it_does_not_know_is_named_with_what_is_accepted():
    data = workbook_bytes({"Leeds": [[*CANONICAL, "Workforce"], [*row("Walk"), "Sometimes"]]})
    _run, plan = master_sheet_import(data=data, file_name="bad.xlsx")
    [message] = plan.problem_messages()
    assert message == (
        "Leeds!2 Workforce: Sometimes — not a known delivered by paid or "
        "volunteers (accepted: Both paid peer workers and volunteers, Not known, Paid peer "
        "workers, Volunteers)"
    )
    assert Activity.objects.count() == 0


def test_an_analyst_finds_volunteer_delivered_support_in_bradford(client_for, analyst):
    imported(sheet())
    make_activity("Headingley Volunteers Walk", delivered_by=DeliveredBy.VOLUNTEERS)
    client = client_for(analyst)
    response = client.get("/activities/?place=bradford-craven&delivered_by=volunteers")
    names = [a.name for a in response.context["page"].object_list]
    assert names == ["Keighley Young People's Group"]
    groups = {g["name"]: g for g in response.context["facets"]}
    counts = {o["value"]: o["count"] for o in groups["delivered_by"]["options"]}
    assert counts == {"paid": 1, "volunteers": 1, "both": 1, "unknown": 1}
    html = response.content.decode()
    assert "Delivered by" in html and "Both paid peer workers and volunteers" in html

    both = client.get("/activities/?delivered_by=volunteers&delivered_by=both")
    assert sorted(a.name for a in both.context["page"].object_list) == [
        "Headingley Volunteers Walk",
        "Ilkley Walk and Talk",
        "Keighley Young People's Group",
    ]


def test_a_wrong_filter_value_says_which_are_allowed(client_for, analyst):
    response = client_for(analyst).get("/activities/?delivered_by=robots")
    assert (
        "“robots” is not a delivered by the directory knows. Use one of: paid, volunteers, "
        "both, unknown."
    ) in response.content.decode()


def test_the_detail_page_links_to_others_delivered_the_same_way(client_for, analyst):
    activity = make_activity(delivered_by=DeliveredBy.PAID)
    html = client_for(analyst).get(f"/activities/{activity.pk}/").content.decode()
    assert '?delivered_by=paid">Paid peer workers</a>' in html


def test_a_champion_records_who_delivers_it_and_an_older_form_keeps_not_known(client_for, champion):
    client = client_for(champion)
    response = client.post("/admin/activities/activity/add/", activity_form(delivered_by="both"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Activity.objects.get().delivered_by == "both"
    response = client.post("/admin/activities/activity/add/", activity_form(name="Older form"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Activity.objects.get(name="Older form").delivered_by == "unknown"


def test_the_report_breaks_activities_down_by_who_delivers_them(client_for, commissioner):
    imported(sheet())
    make_activity("Headingley Volunteers Walk", delivered_by=DeliveredBy.VOLUNTEERS)
    client = client_for(commissioner)
    html = client.get("/reports/").content.decode()
    table = html.split('id="table-delivered_by"', 1)[1].split("</table>", 1)[0]
    assert "Volunteers" in table and "Paid peer workers" in table
    text = client.get("/reports/bradford-craven/delivered_by.csv").content.decode()
    lines = text.splitlines()
    assert any(line.startswith("Volunteers,1,25.0,2,40.0") for line in lines), lines


def test_the_api_publishes_it_as_an_attribute_and_filters_on_it(api):
    volunteers = make_activity("Volunteers Walk", delivered_by=DeliveredBy.VOLUNTEERS)
    make_activity("Paid Walk", delivered_by=DeliveredBy.PAID)
    body = api.get(f"/api/services/{volunteers.uuid}").json()
    terms = {a["taxonomy_term"]["taxonomy"]: a["taxonomy_term"]["name"] for a in body["attributes"]}
    assert terms["Delivered by paid or volunteers"] == "Volunteers"
    term = term_id("delivered_by", "volunteers")
    found = api.get(f"/api/services?taxonomy_term_id={term}").json()["contents"]
    assert [s["name"] for s in found] == ["Volunteers Walk"]

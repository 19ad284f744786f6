"""Who can access an activity and how it was found: sheet, admin, directory, exports.

Also the study's sector "Arts" and its spellings, through the same paths.
"""

import csv
import io

import pytest

from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import master_sheet_export
from activities.models import Activity
from activities.records.tests.test_admin import activity_form
from activities.tests.factories import make_activity
from activities.tests.workbooks import CANONICAL, read_sheets, row, workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = [*CANONICAL, "Who can access it", "Access details", "How it was found", "Network"]


def imported(data, name="master.xlsx"):
    run, plan = master_sheet_import(data=data, file_name=name)
    assert plan is not None and plan.ok, plan.problem_messages() if plan else run.problems
    return run


def sheet_with_new_fields():
    return workbook_bytes(
        {
            "Kirklees": [
                HEADERS,
                [
                    *row("Huddersfield Arts Group", sector="Arts"),
                    "Open to all",
                    "",
                    "Local area scoping",
                    "",
                ],
                [
                    *row("Dewsbury Recovery", sector="Partnerships incl. NHS"),
                    "Referral only",
                    "Via the community mental health team",
                    "Professional network",
                    "Kirklees Mental Health Alliance",
                ],
                [*row("Batley Veterans"), "Specific group", "Veterans", "Self submitted", ""],
                [*row("Mirfield Walk"), "", "", "", ""],
            ]
        }
    )


def test_the_new_values_and_fields_import_export_and_reimport_unchanged():
    run = imported(sheet_with_new_fields())
    assert run.new == 4
    values = {
        a.name: (a.sector, a.access, a.access_details, a.how_found, a.found_through_network)
        for a in Activity.objects.all()
    }
    assert values == {
        "Huddersfield Arts Group": ("arts", "open_to_all", "", "local_visit", ""),
        "Dewsbury Recovery": (
            "partnership_nhs",
            "referral",
            "Via the community mental health team",
            "network",
            "Kirklees Mental Health Alliance",
        ),
        "Batley Veterans": ("third_sector", "specific_group", "Veterans", "self_submitted", ""),
        "Mirfield Walk": ("third_sector", "unknown", "", "unknown", ""),  # blank: not known
    }
    out = io.BytesIO()
    master_sheet_export(file=out)
    kirklees = read_sheets(out.getvalue())["Kirklees"]
    header = kirklees[0]
    dewsbury = dict(
        zip(header, next(r for r in kirklees if r[0] == "Dewsbury Recovery"), strict=True)
    )
    assert dewsbury["Sector"] == "Partnership incl. NHS"
    assert dewsbury["Who can access it"] == "Referral needed"
    assert dewsbury["How it was found"] == "Network"
    assert dewsbury["Network"] == "Kirklees Mental Health Alliance"
    arts = dict(
        zip(header, next(r for r in kirklees if r[0] == "Huddersfield Arts Group"), strict=True)
    )
    assert arts["Sector"] == "Arts" and arts["How it was found"] == "Local visit"

    again = imported(out.getvalue(), "export.xlsx")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 4)


def test_a_bad_access_value_is_named_with_what_is_accepted():
    data = workbook_bytes({"Leeds": [HEADERS, [*row("Walk"), "Whoever", "", "", ""]]})
    _run, plan = master_sheet_import(data=data, file_name="bad.xlsx")
    [message] = plan.problem_messages()
    assert message == (
        "Leeds!2 Who can access it: Whoever — not a known who can access it (accepted: "
        "Members only, Not known, Open to all, Referral needed, Specific group)"
    )
    assert Activity.objects.count() == 0


def test_the_directory_filters_and_exports_the_new_fields(client_for, analyst):
    imported(sheet_with_new_fields())
    client = client_for(analyst)
    response = client.get("/activities/?access=referral&access=specific_group")
    names = sorted(a.name for a in response.context["page"].object_list)
    assert names == ["Batley Veterans", "Dewsbury Recovery"]
    groups = {g["name"]: g for g in response.context["facets"]}
    assert {o["value"]: o["count"] for o in groups["how_found"]["options"]}["network"] == 1
    found = client.get("/activities/?how_found=local_visit&sector=arts")
    assert [a.name for a in found.context["page"].object_list] == ["Huddersfield Arts Group"]

    text = b"".join(client.get("/activities/export.csv?access=referral").streaming_content)
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Who can access it"] == "Referral needed"
    assert record["Access details"] == "Via the community mental health team"
    assert record["Network"] == "Kirklees Mental Health Alliance"


def test_the_directory_says_what_each_value_means(client_for, analyst):
    make_activity()
    html = client_for(analyst).get("/activities/").content.decode()
    assert 'What these mean<span class="govuk-visually-hidden">: Sector</span>' in html
    assert (
        '<dt class="govuk-!-font-weight-bold">Community</dt><dd class="psd-definitions__text">'
        "An informal or grassroots group run by and for local people"
    ) in html
    assert 'What these mean<span class="govuk-visually-hidden">: Who can go</span>' in html
    assert "Evidence was seen that it runs now." in html
    assert "Serves the whole of West Yorkshire &amp; Harrogate" in html
    assert "Living with anxiety, panic or worry" in html  # a shared experience's description


def test_the_admin_help_defines_every_value(client_for, champion):
    html = client_for(champion).get("/admin/activities/activity/add/").content.decode()
    assert "<li><strong>Arts</strong>: An arts organisation or creative group" in html
    assert "<li><strong>Referral needed</strong>: People need a referral" in html
    assert "<li><strong>Desk research</strong>: Found by searching the internet" in html
    assert "<li><strong>Region-wide (WY&amp;H wide)</strong>: Serves the whole of" in html


def test_a_champion_records_access_and_how_it_was_found(client_for, champion):
    response = client_for(champion).post(
        "/admin/activities/activity/add/",
        activity_form(
            sector="arts",
            access="members_only",
            access_details="Members of the allotment society",
            how_found="network",
            found_through_network="Leeds Peer Support Network",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get()
    assert (activity.sector, activity.access, activity.how_found) == (
        "arts",
        "members_only",
        "network",
    )
    assert activity.found_through_network == "Leeds Peer Support Network"


def test_the_detail_page_says_who_can_go_and_how_it_was_found(client_for, analyst):
    imported(sheet_with_new_fields())
    dewsbury = Activity.objects.get(name="Dewsbury Recovery")
    html = client_for(analyst).get(f"/activities/{dewsbury.pk}/").content.decode()
    assert ">Referral needed</a><br>Via the community mental health team</dd>" in html
    assert ">Network</a>: Kirklees Mental Health Alliance</dd>" in html

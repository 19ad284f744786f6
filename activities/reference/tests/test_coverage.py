"""Coverage: activities serving one place, several places or the whole region.

Sheets (import, export, re-import), identity for the three kinds, the
directory's filters and counts, and the model's one question (``serving``).
"""

import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import master_sheet_export
from activities.master_sheet.plan import master_sheet_plan
from activities.models import Activity, Place
from activities.reference.coverage import Coverage, place_cell_parts, places_key
from activities.tests.factories import make_activity, make_shared_activity
from activities.tests.workbooks import CANONICAL, read_sheets, row, workbook_bytes

pytestmark = pytest.mark.django_db


def serving_counts():
    return {place.slug: Activity.objects.serving(place).count() for place in Place.objects.all()}


def mixed_workbook():
    """Leeds: 2 own; Wakefield: 1 own; 3 shared; 2 region-wide (one by its sheet's name)."""
    return workbook_bytes(
        {
            "Leeds": [CANONICAL, row("Headingley Group"), row("Armley Walk")],
            "Wakefield": [CANONICAL, row("Ossett Buddies")],
            "Activities": [
                ["Place", *CANONICAL],
                ["Leeds; Wakefield", *row("Twin City Hearing Voices")],
                ["Kirklees and Calderdale", *row("Pennine Carers")],
                ["Leeds, Bradford & Craven", *row("Aire Valley Men")],
                ["West Yorkshire and Harrogate", *row("Regional Peer Line")],
            ],
            "WY&H wide": [CANONICAL, row("Recovery College Online")],
        }
    )


def import_bytes(data, name="master.xlsx"):
    run, plan = master_sheet_import(data=data, file_name=name)
    return run, plan


def test_a_place_cell_names_one_place_several_or_the_region():
    known = {"leeds", "wakefield", "bradford & craven", "wy&h wide", "all places"}

    def is_known(text):
        return text.strip().lower() in known

    assert place_cell_parts("Leeds", is_known) == ["Leeds"]
    assert place_cell_parts("Leeds; Wakefield", is_known) == ["Leeds", "Wakefield"]
    assert place_cell_parts("Leeds, Wakefield", is_known) == ["Leeds", "Wakefield"]
    assert place_cell_parts("Leeds and Wakefield", is_known) == ["Leeds", "Wakefield"]
    assert place_cell_parts("Leeds / Wakefield", is_known) == ["Leeds", "Wakefield"]
    assert place_cell_parts("Leeds and Bradford & Craven", is_known) == [
        "Leeds",
        "Bradford & Craven",
    ]
    assert place_cell_parts("Bradford & Craven", is_known) == ["Bradford & Craven"]
    assert place_cell_parts("All places", is_known) == ["All places"]
    assert place_cell_parts("Leeds and Mars", is_known) is None
    assert place_cell_parts("  ", is_known) == []


def test_a_mixed_workbook_imports_with_the_right_counts_per_place_and_region():
    run, plan = import_bytes(mixed_workbook())

    assert plan.ok, plan.problem_messages()
    assert run.new == 8
    assert Activity.objects.count() == 8  # the region counts each activity once
    by_coverage = {c: Activity.objects.filter(coverage=c).count() for c in Coverage.values}
    assert by_coverage == {"place": 3, "places": 3, "region": 2}
    # Worked out by hand: own + shared serving it + the 2 region-wide.
    assert serving_counts() == {
        "leeds": 2 + 2 + 2,  # Headingley, Armley; Twin City, Aire Valley; 2 regional
        "wakefield": 1 + 1 + 2,  # Ossett; Twin City
        "bradford-craven": 0 + 1 + 2,  # Aire Valley
        "kirklees": 0 + 1 + 2,  # Pennine Carers
        "calderdale": 0 + 1 + 2,
        "harrogate-rural-district": 0 + 0 + 2,
    }
    twin = Activity.objects.get(name="Twin City Hearing Voices")
    assert twin.place is None
    assert [p.name for p in twin.places_served()] == ["Leeds", "Wakefield"]
    assert twin.serves_text() == "Leeds; Wakefield"
    regional = Activity.objects.get(name="Recovery College Online")
    assert regional.coverage == Coverage.REGION and regional.serves_text() == "WY&H wide"
    assert len(regional.places_served()) == 6


def test_it_exports_and_reimports_unchanged():
    import_bytes(mixed_workbook())
    before = sorted(
        Activity.objects.values_list("pk", "version", "coverage", "place_id", "places_key")
    )
    out = io.BytesIO()
    assert master_sheet_export(file=out) == 8
    sheets = read_sheets(out.getvalue())
    data_sheets = {name: rows for name, rows in sheets.items() if name != "Disclaimer"}
    assert set(data_sheets) == {"Leeds", "Wakefield", "Several places", "WY&H wide"}
    places_column = {r[0]: r[1] for r in data_sheets["Several places"][1:]}
    assert places_column == {
        "Aire Valley Men": "Bradford & Craven; Leeds",
        "Pennine Carers": "Calderdale; Kirklees",
        "Twin City Hearing Voices": "Leeds; Wakefield",
    }
    assert {r[1] for r in data_sheets["WY&H wide"][1:]} == {"WY&H wide"}

    run, plan = import_bytes(out.getvalue(), "export.xlsx")

    assert plan.ok, plan.problem_messages()
    assert (run.new, run.updated, run.unchanged) == (0, 0, 8)
    after = sorted(
        Activity.objects.values_list("pk", "version", "coverage", "place_id", "places_key")
    )
    assert after == before
    again = io.BytesIO()
    master_sheet_export(file=again)
    assert read_sheets(again.getvalue()) == sheets


def test_identity_is_what_it_serves_plus_organisation_plus_name():
    """The same name and organisation in Leeds, in Leeds + Wakefield and region-wide: three."""
    sheet = workbook_bytes(
        {
            "Activities": [
                ["Place", *CANONICAL],
                ["Leeds", *row("Walk and Talk")],
                ["Leeds; Wakefield", *row("Walk and Talk")],
                ["WY&H wide", *row("Walk and Talk")],
            ]
        }
    )
    run, plan = import_bytes(sheet)
    assert plan.ok and run.new == 3

    # The places in another order and spelling, the region by an alias: the same three.
    reordered = workbook_bytes(
        {
            "Activities": [
                ["Place", *CANONICAL],
                ["leeds", *row("Walk and Talk")],
                ["Wakefield and Leeds", *row("Walk and Talk")],
                ["All places", *row("Walk and Talk", notes="changed")],
            ]
        }
    )
    run, plan = import_bytes(reordered)
    assert plan.ok, plan.problem_messages()
    assert (run.new, run.updated, run.unchanged) == (0, 1, 2)
    assert Activity.objects.get(coverage=Coverage.REGION).notes == "changed"


def test_the_same_places_twice_in_one_file_is_a_duplicate_row():
    sheet = workbook_bytes(
        {
            "Activities": [
                ["Place", *CANONICAL],
                ["Leeds; Wakefield", *row("Walk")],
                ["Wakefield, Leeds", *row("Walk")],
                ["WY&H wide", *row("Line")],
                ["Region-wide", *row("Line")],
            ]
        }
    )
    _run, plan = import_bytes(sheet)
    assert not plan.ok
    messages = plan.problem_messages()
    assert any("Activities!3" in m and "duplicate row: Activities!2" in m for m in messages)
    assert any("Activities!5" in m and "duplicate row: Activities!4" in m for m in messages)
    assert Activity.objects.count() == 0


def test_an_unknown_place_in_a_list_is_named_with_what_is_accepted():
    sheet = workbook_bytes({"Activities": [["Place", *CANONICAL], ["Leeds; Mars", *row("Walk")]]})
    _run, plan = import_bytes(sheet)
    [message] = plan.problem_messages()
    assert message.startswith("Activities!2 Place: Leeds; Mars — not a known place or region")
    assert "WY&H wide" in message and "several places separated by “;”" in message
    assert Activity.objects.count() == 0


def test_the_database_refuses_a_second_copy_of_a_shared_or_regional_identity():
    make_shared_activity("Line", organisation="Mind")
    make_shared_activity("Walk", ["leeds", "wakefield"], organisation="Mind")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_shared_activity("line", organisation="MIND")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_shared_activity("Walk", ["wakefield", "leeds"], organisation="Mind")
    # A different set of places, or one place, is another activity.
    make_shared_activity("Walk", ["leeds", "kirklees"], organisation="Mind")
    make_activity("Walk", place="leeds", organisation="Mind")
    assert Activity.objects.count() == 4


def test_a_place_is_only_for_an_activity_serving_one_place():
    leeds = Place.objects.get(slug="leeds")
    activity = make_shared_activity("Line")
    activity.place = leeds
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_find_duplicate_covers_the_three_kinds():
    leeds, wakefield = Place.objects.filter(slug__in=["leeds", "wakefield"]).order_by("name")
    regional = make_shared_activity("Line", organisation="Mind")
    shared = make_shared_activity("Walk", ["leeds", "wakefield"])
    one = make_activity("Walk", place="leeds")
    assert (
        Activity(
            name="line", coverage="region", organisation=regional.organisation
        ).find_duplicate()
        == regional
    )
    assert Activity(name="Walk", coverage="places").find_duplicate([wakefield, leeds]) == shared
    assert Activity(name="walk", coverage="place", place=leeds).find_duplicate() == one
    assert Activity(name="Walk", coverage="region").find_duplicate() is None


def test_the_command_imports_a_mixed_workbook(tmp_path):
    path = tmp_path / "mixed.xlsx"
    path.write_bytes(mixed_workbook())
    out = io.StringIO()
    call_command("import_master_sheet", str(path), stdout=out)
    assert "Total: 8 rows read, 8 new, 0 updated, 0 unchanged" in out.getvalue()


def test_a_plan_reads_a_sheet_named_after_several_places():
    from openpyxl import load_workbook

    data = workbook_bytes({"Leeds & Wakefield": [CANONICAL, row("Twin City Walk")]})
    plan = master_sheet_plan(load_workbook(io.BytesIO(data), read_only=True))
    assert plan.ok
    [planned] = plan.rows
    assert planned.values["coverage"] == Coverage.PLACES


def test_bulk_creation_takes_region_wide_and_several_place_rows():
    from activities.reference.services import activities_create

    base = {
        "sector": "third_sector",
        "delivery_model": "support_group",
        "shared_experiences": ["anxiety"],
        "organisation": "",
    }
    activities_create(
        rows=[
            {**base, "name": "Own", "place": "leeds"},
            {**base, "name": "Shared", "places": ["leeds", "wakefield"]},
            {**base, "name": "Regional", "place": "region"},
        ]
    )
    served = {a.name: a.serves_text() for a in Activity.objects.all()}
    assert served == {"Own": "Leeds", "Shared": "Leeds; Wakefield", "Regional": "WY&H wide"}
    assert Activity.objects.get(name="Shared").places_key == places_key(
        "places", Place.objects.filter(slug__in=["leeds", "wakefield"]).values_list("pk", flat=True)
    )


def test_a_place_cell_naming_every_place_is_region_wide():
    """ "Several places" excludes the whole region, and the admin refuses every place
    ticked: a row listing all six is the region, so it matches the same activity an
    admin saved as region-wide rather than adding a second copy (found in the browser)."""
    every_place = "; ".join(Place.objects.order_by("name").values_list("name", flat=True))
    data = workbook_bytes({"Activities": [["Place", *CANONICAL], [every_place, *row("Six")]]})
    _run, plan = import_bytes(data)
    assert plan.ok, plan.problem_messages()
    activity = Activity.objects.get(name="Six")
    assert (activity.coverage, activity.places_key) == (Coverage.REGION, "region")
    assert activity.places.count() == 0

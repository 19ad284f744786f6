"""The master sheet's Published id column: written by every export, and on import the
activity a row is (before its place, organisation and name), so ids survive a rename,
a move and a restore into an empty directory."""

import io
import uuid
from html.parser import HTMLParser

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import master_sheet_export
from activities.models import Activity, ImportRowResult, ImportRun, Organisation
from activities.tests.factories import make_activity, make_shared_activity
from activities.tests.workbooks import CANONICAL, read_sheets, row, workbook_bytes

pytestmark = pytest.mark.django_db

WITH_ID = [*CANONICAL, "Published id"]
KNOWN = uuid.UUID("3f0c6a62-9b1e-4c1d-8f3a-2a5d7e9b4c10")


def with_id(published_id, *args, **kwargs):
    return [*row(*args, **kwargs), "" if published_id is None else str(published_id)]


def imported(sheets, name="sheet.xlsx"):
    """(run, its messages) after importing ``sheets`` ({title: rows})."""
    run, _plan = master_sheet_import(data=workbook_bytes(sheets), file_name=name)
    return run, run.report_lines()


def exported():
    buffer = io.BytesIO()
    master_sheet_export(file=buffer)
    return buffer.getvalue()


@pytest.fixture
def spread():
    """One activity of each kind: a place's, two places', the region's."""
    return {
        "walk": make_activity("Walk and Talk", organisation="Mind"),
        "pair": make_shared_activity(
            "Two Towns Group", places=("wakefield", "kirklees"), organisation="Peers"
        ),
        "region": make_shared_activity("Region Voices", experiences=("hearing-voices",)),
    }


def test_the_export_writes_each_activitys_published_id_on_every_sheet(spread):
    sheets = read_sheets(exported())

    assert set(sheets) == {"Leeds", "Several places", "WY&H wide"}
    for title, activity in [
        ("Leeds", spread["walk"]),
        ("Several places", spread["pair"]),
        ("WY&H wide", spread["region"]),
    ]:
        header, cells = sheets[title]
        assert header[-1] == "Published id"
        assert cells[header.index("Project name / support type")] == activity.name
        assert cells[-1] == str(activity.uuid)


def test_an_export_loaded_into_an_empty_directory_keeps_every_id(spread, api):
    before = {a.name: a.uuid for a in Activity.objects.all()}
    data = exported()
    Activity.objects.all().delete()
    Organisation.objects.all().delete()
    assert api.get("/api/services").json()["total_items"] == 0

    run, _plan = master_sheet_import(data=data, file_name="restore.xlsx")

    assert run.outcome == ImportRun.Outcome.APPLIED, run.report_lines()
    assert (run.new, run.updated) == (3, 0)
    assert {a.name: a.uuid for a in Activity.objects.all()} == before
    for name, published_id in before.items():
        answer = api.get(f"/api/services/{published_id}")
        assert answer.status_code == 200
        assert (answer.json()["id"], answer.json()["name"]) == (str(published_id), name)
    pair = Activity.objects.get(name="Two Towns Group")
    assert pair.serves_text() == "Kirklees; Wakefield"
    assert Activity.objects.get(name="Region Voices").coverage == Activity.Coverage.REGION
    # ... and that export, imported again, changes nothing.
    again, _plan = master_sheet_import(data=exported(), file_name="again.xlsx")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)


def test_a_row_renamed_in_the_sheet_updates_its_activity(spread):
    walk = spread["walk"]
    published = walk.uuid

    run, lines = imported({"Leeds": [WITH_ID, with_id(published, "Headingley Walk & Talk")]})

    assert (run.new, run.updated) == (0, 1), lines
    assert Activity.objects.count() == 3
    walk.refresh_from_db()
    assert (walk.name, walk.uuid, walk.version) == ("Headingley Walk & Talk", published, 2)
    result = ImportRowResult.objects.get(run=run, row=2)
    assert result.identified_by == ImportRowResult.IdentifiedBy.PUBLISHED_ID
    assert result.changes["Project name / support type"] == [
        "Walk and Talk",
        "Headingley Walk & Talk",
    ]


def test_a_row_moved_to_other_places_and_organisation_moves_its_activity(spread):
    walk = spread["walk"]
    sheet = [["Place", *WITH_ID], ["Leeds; Wakefield", *with_id(walk.uuid, "Walk and Talk")]]
    sheet[1][CANONICAL.index("Organisation") + 1] = "Leeds Mind"

    run, lines = imported({"Activities": sheet})

    assert (run.new, run.updated) == (0, 1), lines
    walk.refresh_from_db()
    assert walk.coverage == Activity.Coverage.PLACES
    assert walk.place_id is None and walk.serves_text() == "Leeds; Wakefield"
    assert walk.organisation.name == "Leeds Mind"
    changes = ImportRowResult.objects.get(run=run).changes
    assert changes["Place"] == ["Leeds", "Leeds; Wakefield"]
    assert changes["Organisation"] == ["Mind", "Leeds Mind"]
    assert Activity.objects.filter(name="Walk and Talk").count() == 1


def test_a_sheet_without_an_organisation_column_leaves_a_matched_ones_alone(spread):
    pair = spread["pair"]
    headers = [h for h in WITH_ID if h != "Organisation"]
    values = with_id(pair.uuid, "Two Towns Group")
    del values[WITH_ID.index("Organisation")]

    run, lines = imported({"Leeds": [headers, values]})

    assert (run.updated, run.errors) == (1, 0), lines
    pair.refresh_from_db()
    assert pair.serves_text() == "Leeds" and pair.organisation.name == "Peers"


def test_an_id_this_directory_does_not_know_creates_the_activity_with_it():
    run, lines = imported({"Leeds": [WITH_ID, with_id(KNOWN, "Walk and Talk")]})

    assert run.new == 1, lines
    assert Activity.objects.get().uuid == KNOWN
    result = ImportRowResult.objects.get(run=run)
    assert result.identified_by == ImportRowResult.IdentifiedBy.NEW_WITH_ID
    assert result.serves == "Leeds"


def test_a_blank_id_falls_back_to_place_organisation_and_name(spread):
    walk = spread["walk"]
    published = walk.uuid

    run, lines = imported(
        {"Leeds": [WITH_ID, with_id(None, "WALK and talk", status="Closed"), with_id("", "New")]}
    )

    assert (run.new, run.updated) == (1, 1), lines
    walk.refresh_from_db()
    assert (walk.status, walk.uuid) == ("closed", published)
    identified = dict(ImportRowResult.objects.filter(run=run).values_list("row", "identified_by"))
    assert identified == {2: "identity", 3: ""}


@pytest.mark.parametrize(
    "header", ["Published id", "ID", "UUID", "Id (do not edit)", "published ID"]
)
def test_the_column_is_found_under_its_other_headers(spread, header):
    headers = [*CANONICAL, header]
    run, lines = imported({"Leeds": [headers, with_id(spread["walk"].uuid, "Walk renamed")]})

    assert (run.new, run.updated) == (0, 1), lines
    assert Activity.objects.filter(name="Walk renamed").get().pk == spread["walk"].pk


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("not-a-uuid", "not-a-uuid"),
        (17, "17"),
        ("3f0c6a62-9b1e-4c1d-8f3a", "3f0c6a62-9b1e-4c1d-8f3a"),
    ],
)
def test_a_bad_id_is_named_with_what_is_accepted(cell, shown):
    values = [*row("Walk and Talk"), cell]

    run, lines = imported({"Leeds": [WITH_ID, values]})

    assert run.outcome == ImportRun.Outcome.FAILED
    assert Activity.objects.count() == 0
    assert (
        f"Leeds!2 Published id: {shown} — is not a published id (accepted: a published id as "
        "the export writes it, e.g. 3f0c6a62-9b1e-4c1d-8f3a-2a5d7e9b4c10, or blank for a new "
        "activity; a column of your own references needs another header, e.g. “Ref”)"
    ) in lines


def test_two_rows_with_one_id_are_an_error_naming_both(spread):
    walk = spread["walk"]
    before = Activity.objects.count()

    run, lines = imported(
        {
            "Leeds": [WITH_ID, with_id(walk.uuid, "Walk and Talk")],
            "Wakefield": [WITH_ID, with_id(None, "Book club"), with_id(walk.uuid, "Walk copy")],
        }
    )

    assert run.outcome == ImportRun.Outcome.FAILED
    assert Activity.objects.count() == before
    assert (
        f"Wakefield!3 Published id: {walk.uuid} — the same published id as Leeds!2: one "
        "activity, one row (a copied row keeps the id; clear it on the new row) (accepted: "
        "each id on one row only; blank for a new activity)"
    ) in lines


def test_an_unknown_id_on_a_row_another_activity_already_is_an_error(spread):
    walk = spread["walk"]

    run, lines = imported({"Leeds": [WITH_ID, with_id(KNOWN, "Walk and Talk")]})

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        f"Leeds!2 Published id: {KNOWN} — is not in this directory, but “Walk and Talk” "
        f"(published id {walk.uuid}) has this row's place, organisation and name (accepted: "
        f"that activity's id, {walk.uuid}, or blank to update it)"
    ) in lines
    assert Activity.objects.filter(uuid=KNOWN).count() == 0


def test_renaming_onto_an_activity_the_sheet_leaves_alone_is_an_error(spread):
    other = make_activity("Book club", organisation="Mind")

    run, lines = imported({"Leeds": [WITH_ID, with_id(spread["walk"].uuid, "Book Club")]})

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        "Leeds!2 Project name / support type: Book Club — the activity with this row's "
        f"published id would get the place, organisation and name of another one, “Book "
        f"club” (published id {other.uuid}), which this sheet leaves as it is"
    ) in lines[-1]
    assert set(Activity.objects.values_list("name", flat=True)) >= {"Walk and Talk", "Book club"}


def test_two_activities_swap_names_by_their_ids(spread):
    walk, book = spread["walk"], make_activity("Book club", organisation="Mind")

    run, lines = imported(
        {
            "Leeds": [
                WITH_ID,
                with_id(walk.uuid, "Book club"),
                with_id(book.uuid, "Walk and Talk"),
            ]
        }
    )

    assert (run.outcome, run.updated) == (ImportRun.Outcome.APPLIED, 2), lines
    walk.refresh_from_db()
    book.refresh_from_db()
    assert (walk.name, book.name) == ("Book club", "Walk and Talk")
    assert (walk.name_key, book.name_key) == ("bookclub", "walkandtalk")


def test_a_new_row_may_take_the_name_an_activity_is_renamed_from(spread):
    walk = spread["walk"]

    run, lines = imported(
        {
            "Leeds": [
                WITH_ID,
                with_id(walk.uuid, "Walk and Talk (Tuesdays)"),
                with_id(None, "Walk and Talk"),
            ]
        }
    )

    assert (run.new, run.updated) == (1, 1), lines
    walk.refresh_from_db()
    assert walk.name == "Walk and Talk (Tuesdays)"
    fresh = Activity.objects.get(name="Walk and Talk")
    assert fresh.pk != walk.pk and fresh.uuid != walk.uuid


def test_the_preview_says_what_each_row_serves_and_how_it_was_matched(client_for, champion):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    imported({"Leeds": [WITH_ID, with_id(None, "Walk and Talk")]})
    walk = Activity.objects.get()
    data = workbook_bytes(
        {
            "Activities": [
                ["Place", *WITH_ID],
                ["Leeds; Wakefield", *with_id(walk.uuid, "Walk and Talk")],
                ["WY&H wide", *with_id(KNOWN, "Region Voices")],
                ["Kirklees", *with_id(None, "Kirklees Crafts")],
            ]
        }
    )

    response = client_for(champion).post(
        reverse("admin:activities_importrun_upload"),
        {"workbook": SimpleUploadedFile("ids.xlsx", data)},
        follow=True,
    )

    page = response.content.decode()
    rows = preview_rows(page)
    header = ["Row", "Activity", "Serves", "Result"]
    assert rows[0] == [*header, "Values read (new rows) or changes (before → after)"]
    assert rows[1] == [
        "Activities!2",
        "Walk and Talk",
        "Leeds; Wakefield",
        "Updated matched by published id",
        "Place: Leeds → Leeds; Wakefield",
    ]
    assert rows[2][:4] == [
        "Activities!3",
        "Region Voices",
        "WY&H wide",
        "New keeps the sheet's published id",
    ]
    assert rows[3][:4] == ["Activities!4", "Kirklees Crafts", "Kirklees", "New"]
    # New rows show the values read from their cells.
    assert rows[2][4].startswith("Project name / support type: Region Voices")
    assert "Project name / support type: Kirklees Crafts" in rows[3][4]
    assert Activity.objects.count() == 1  # a preview writes nothing


def preview_rows(page):
    """The preview table's cells as text, row by row (header first)."""

    class Table(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.inside, self.cell = [], False, None

        def handle_starttag(self, tag, attrs):
            if tag == "table" and ("class", "psd-changes") in attrs:
                self.inside = True
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag in ("td", "th"):
                self.cell = []
            elif self.cell is not None and tag == "div":
                self.cell.append(" ")  # a block: a line of its own

        def handle_endtag(self, tag):
            if tag == "table":
                self.inside = False
            elif self.inside and tag in ("td", "th"):
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    table = Table()
    table.feed(page)
    return table.rows


POOL_NAMES = ["Walk and Talk", "Book club", "Two Towns Group", "Choir"]
POOL_PLACES = ["Leeds", "Wakefield", "Kirklees; Wakefield", "WY&H wide"]
POOL_ORGANISATIONS = ["Mind", "Peers", ""]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mix_of_ids_renames_and_moves_applies_whole_or_not_at_all(spread, data):
    """Rows drawn from a few names, places, organisations and ids (the directory's, unknown,
    blank, broken): the import never fails with a database error, refuses without writing,
    or leaves every row's activity as the row says, every earlier id still there."""
    book = Activity.objects.filter(name="Book club").first() or make_activity(
        "Book club", organisation="Mind"
    )
    known_ids = [str(a.uuid) for a in (spread["walk"], spread["pair"], spread["region"], book)]
    id_cells = st.one_of(
        st.sampled_from(known_ids),
        st.uuids().map(str),
        st.sampled_from(["", None, "not an id", 17, str(KNOWN).upper()]),
    )
    drawn = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from(POOL_NAMES),
                st.sampled_from(POOL_PLACES),
                st.sampled_from(POOL_ORGANISATIONS),
                id_cells,
            ),
            min_size=1,
            max_size=5,
        )
    )
    sheet = [["Place", *WITH_ID]]
    for name, place, organisation, cell in drawn:
        sheet.append([place, *row(name, organisation=organisation), cell])
    with transaction.atomic():
        before = sorted(Activity.objects.values_list("uuid", "name", "version", "places_key"))
        run, _plan = master_sheet_import(data=workbook_bytes({"Activities": sheet}), file_name="x")
        after = {a.uuid: a for a in Activity.objects.select_related("organisation")}
        if run.outcome == ImportRun.Outcome.FAILED:
            assert (
                sorted(Activity.objects.values_list("uuid", "name", "version", "places_key"))
                == before
            )
        else:
            assert len(after) == len(before) + run.new
            assert {published for published, *_rest in before} <= set(after)
            for name, place, organisation, cell in drawn:
                if isinstance(cell, str) and cell.strip():
                    activity = after[uuid.UUID(cell)]
                else:
                    [activity] = [
                        a
                        for a in after.values()
                        if a.name == name
                        and a.serves_text() == place
                        and (a.organisation.name if a.organisation else "") == organisation
                    ]
                assert (activity.name, activity.serves_text()) == (name, place)
                assert (activity.organisation.name if activity.organisation else "") == organisation
        transaction.set_rollback(True)

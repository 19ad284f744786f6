"""The master sheet's Organisation id column: written by every export beside the Published
id, and on import the organisation a row names before its name does, so the API's
organization ids survive a restore into an empty directory and a rename in the sheet.

The admin's preview and confirmation of such a sheet: ``test_organisation_ids_preview``."""

import csv
import io
import uuid

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import directory_csv, directory_xlsx
from activities.master_sheet.tests.organisation_ids import (
    HEADERS,
    UNKNOWN,
    export_renaming,
    exported,
    imported,
    imported_bytes,
    organisations_make,
    with_ids,
)
from activities.models import Activity, ImportRowResult, ImportRun, Organisation
from activities.tests.workbooks import read_sheets, workbook_bytes
from activities.vocabulary.spelling import value_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def mind():
    """Mind runs two activities in Leeds; Peers one in two places; one is region-wide."""
    return organisations_make()


def csv_rows(lines):
    """The rows of a directory CSV (its text, line by line), header first."""
    return list(csv.reader(io.StringIO("".join(lines).removeprefix("\ufeff"))))


def test_every_export_writes_the_organisation_id_beside_the_published_id(mind):
    peers = Organisation.objects.get(name="Peers")
    activities = {a.name: a for a in Activity.objects.all()}
    expected = {
        "Walk and Talk": (str(mind.uuid), str(activities["Walk and Talk"].uuid)),
        "Book club": (str(mind.uuid), str(activities["Book club"].uuid)),
        "Two Towns Group": (str(peers.uuid), str(activities["Two Towns Group"].uuid)),
        "Region Voices": (None, str(activities["Region Voices"].uuid)),
    }
    everything = Activity.objects.order_by("name")
    exports = {
        "master sheet, a sheet per place": read_sheets(exported()),
        "master sheet, one sheet": read_sheets(exported(one_sheet=True)),
        "directory .xlsx": read_sheets(directory_xlsx(everything)),
        "directory .csv": {"Activities": csv_rows(directory_csv(everything))},
    }

    for export, sheets in exports.items():
        for title, (header, *_rows) in sheets.items():
            assert header[-2:] == ["Organisation id", "Published id"], (export, title)
        by_name = {
            cells[0]: (cells[-2] or None, cells[-1])
            for _header, *rows in sheets.values()
            for cells in rows
        }
        assert by_name == expected, export


def test_an_export_into_an_empty_directory_keeps_the_organisation_ids(mind, api):
    organisations = dict(Organisation.objects.values_list("name", "uuid"))
    served_by = {
        a.uuid: (a.organisation.uuid if a.organisation else None)
        for a in Activity.objects.select_related("organisation")
    }
    answers_before = {
        published: api.get(f"/api/services/{published}").json()["organization"]
        for published, by in served_by.items()
        if by
    }
    data = exported()
    Activity.objects.all().delete()
    Organisation.objects.all().delete()

    run, lines = imported_bytes(data)

    assert (run.outcome, run.new) == (ImportRun.Outcome.APPLIED, 4), lines
    assert dict(Organisation.objects.values_list("name", "uuid")) == organisations
    for published, organisation_id in served_by.items():
        answer = api.get(f"/api/services/{published}").json()
        assert answer.get("organization_id") == (str(organisation_id) if organisation_id else None)
        if organisation_id:
            assert answer["organization"] == answers_before[published]
    listed = api.get(f"/api/services?organization_id={mind.uuid}").json()
    assert sorted(s["name"] for s in listed["contents"]) == ["Book club", "Walk and Talk"]
    # ... and the export, imported again, changes nothing.
    again, lines = imported_bytes(exported())
    assert (again.new, again.updated, again.unchanged, again.errors) == (0, 0, 4, 0), lines
    assert again.organisations_renamed == 0


def test_every_row_with_the_id_giving_a_new_name_renames_the_organisation(mind):
    activities = list(Activity.objects.filter(organisation=mind))
    data = export_renaming({str(mind.uuid): "Leeds Mind"})

    run, lines = imported_bytes(data)

    assert (run.outcome, run.new, run.updated) == (ImportRun.Outcome.APPLIED, 0, 0), lines
    assert run.organisations_renamed == 1
    assert f"Organisation renamed: “Mind” → “Leeds Mind” (organisation id {mind.uuid})" in lines
    mind.refresh_from_db()
    assert (mind.name, mind.name_key) == ("Leeds Mind", "leedsmind")
    assert Organisation.objects.count() == 2  # renamed, not a new one
    # Its activities follow, and are not edited: the organisation is.
    for activity in activities:
        before = activity.version
        activity.refresh_from_db()
        assert (activity.organisation_id, activity.version) == (mind.pk, before)
    assert mind.history.first().name == "Leeds Mind"
    # The same sheet again changes nothing: the name is the organisation's now.
    again, lines = imported_bytes(data)
    assert (again.unchanged, again.updated, again.organisations_renamed) == (4, 0, 0), lines


def test_a_rename_in_a_sheet_of_some_activities_reaches_the_others(mind):
    walk = Activity.objects.get(name="Walk and Talk")

    run, lines = imported(
        {"Leeds": [HEADERS, with_ids(mind.uuid, "Walk and Talk", "Leeds Mind", walk.uuid)]}
    )

    assert run.organisations_renamed == 1, lines
    assert "Organisation" not in ImportRowResult.objects.get(run=run).changes
    book = Activity.objects.select_related("organisation").get(name="Book club")
    assert book.organisation.name == "Leeds Mind"


def test_rows_that_disagree_on_a_new_name_are_errors_naming_each_other(mind):
    run, lines = imported(
        {
            "Leeds": [
                HEADERS,
                with_ids(mind.uuid, "Walk and Talk", organisation="Leeds Mind"),
                with_ids(mind.uuid, "Book club", organisation="Mind in Leeds"),
            ]
        }
    )

    assert run.outcome == ImportRun.Outcome.FAILED
    groups = "“Leeds Mind” on Leeds!2; “Mind in Leeds” on Leeds!3"
    for number, name in [(2, "Leeds Mind"), (3, "Mind in Leeds")]:
        assert (
            f"Leeds!{number} Organisation: {name} — rows with the organisation id {mind.uuid} "
            f"give it different names: {groups}; it is renamed only when they all agree "
            "(accepted: one name on every row with this id (“Mind” keeps its name))"
        ) in lines
    mind.refresh_from_db()
    assert mind.name == "Mind"


def test_rows_keeping_the_name_are_not_the_ones_in_error(mind):
    run, _lines = imported(
        {
            "Leeds": [HEADERS, with_ids(mind.uuid, "Walk and Talk", organisation="MIND")],
            "Wakefield": [HEADERS, with_ids(mind.uuid, "Choir", organisation="Leeds Mind")],
        }
    )

    assert run.outcome == ImportRun.Outcome.FAILED
    assert [line.split(" — ")[0] for line in run.problems] == [
        "Wakefield!2 Organisation: Leeds Mind"
    ]
    assert "“MIND” on Leeds!2; “Leeds Mind” on Wakefield!2" in run.problems[0]
    assert Activity.objects.filter(name="Choir").count() == 0


def test_an_unknown_id_creates_the_organisation_with_it(mind):
    run, lines = imported(
        {
            "Leeds": [
                HEADERS,
                with_ids(UNKNOWN, "Allotment group", organisation="Green Peers"),
                with_ids(None, "Seed swap", organisation="green peers"),
            ]
        }
    )

    assert (run.outcome, run.new) == (ImportRun.Outcome.APPLIED, 2), lines
    assert "New organisations with the sheet's organisation ids: “Green Peers”" in lines
    green = Organisation.objects.get(uuid=UNKNOWN)
    assert green.name == "Green Peers"
    # The row without an id names it by name: one organisation, the sheet's id.
    assert set(
        Activity.objects.filter(name__in=["Allotment group", "Seed swap"]).values_list(
            "organisation__uuid", flat=True
        )
    ) == {UNKNOWN}


def test_an_unknown_id_with_no_name_or_the_name_of_another_organisation_is_an_error(mind):
    run, lines = imported(
        {
            "Leeds": [
                HEADERS,
                with_ids(UNKNOWN, "Allotment group", organisation=""),
                with_ids(uuid.UUID(int=7), "Seed swap", organisation="mind"),
            ]
        }
    )

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        f"Leeds!2 Organisation id: {UNKNOWN} — is not an organisation in this directory, and "
        "the row has no Organisation name to create it with (accepted: the organisation's "
        "name in the Organisation column (it is created with this id), or both blank for an "
        "activity with no organisation)"
    ) in lines
    assert (
        f"Leeds!3 Organisation id: {uuid.UUID(int=7)} — is not an organisation in this "
        f"directory, but “Mind” (organisation id {mind.uuid}) has this row's organisation name "
        f"(accepted: that organisation's id, {mind.uuid}, or blank to find it by name)"
    ) in lines
    assert Organisation.objects.count() == 2


@pytest.mark.parametrize(
    ("cell", "shown"), [("Charity 1234", "Charity 1234"), (1234, "1234"), ("9d2f4b1a", "9d2f4b1a")]
)
def test_a_malformed_organisation_id_is_named_with_what_is_accepted(mind, cell, shown):
    values = with_ids(None, "Walk and Talk")
    values[HEADERS.index("Organisation id")] = cell

    run, lines = imported({"Leeds": [HEADERS, values]})

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        f"Leeds!2 Organisation id: {shown} — is not an organisation id (accepted: an "
        "organisation id as the export writes it, e.g. 9d2f4b1a-6c3e-4f8a-b7d5-1e0c2a4f6b83, "
        "or blank to find the organisation by its name; a column of your own references (a "
        "charity number) needs another header, e.g. “Charity number”)"
    ) in lines


def test_a_blank_id_falls_back_to_the_organisations_name(mind):
    run, lines = imported(
        {
            "Leeds": [
                HEADERS,
                with_ids(None, "Walk and Talk", organisation="MIND", status="Closed"),
                with_ids("", "Knit and natter", organisation="Crafty Peers"),
            ]
        }
    )

    assert (run.outcome, run.new, run.updated) == (ImportRun.Outcome.APPLIED, 1, 1), lines
    assert Activity.objects.get(name="Walk and Talk").organisation_id == mind.pk
    crafty = Organisation.objects.get(name="Crafty Peers")
    assert crafty.uuid not in (mind.uuid, UNKNOWN)
    assert Activity.objects.get(name="Knit and natter").organisation_id == crafty.pk


def test_a_known_id_gives_the_activity_to_that_organisation(mind):
    peers = Organisation.objects.get(name="Peers")
    walk = Activity.objects.get(name="Walk and Talk")

    run, lines = imported(
        {"Leeds": [HEADERS, with_ids(peers.uuid, "Walk and Talk", "Peers", walk.uuid)]}
    )

    assert (run.updated, run.organisations_renamed) == (1, 0), lines
    walk.refresh_from_db()
    assert walk.organisation_id == peers.pk
    changes = ImportRowResult.objects.get(run=run).changes
    assert changes["Organisation"] == ["Mind", "Peers"]


def test_a_blank_organisation_beside_a_known_id_is_an_error(mind):
    run, lines = imported({"Leeds": [HEADERS, with_ids(mind.uuid, "Walk and Talk", "")]})

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        "Leeds!2 Organisation: (blank) — is blank, but the row's Organisation id is “Mind” "
        "(accepted: that organisation's name (or a new name for it), or both cells blank for "
        "an activity with no organisation)"
    ) in lines


def test_a_sheet_without_an_organisation_column_takes_the_organisation_of_the_id(mind):
    peers = Organisation.objects.get(name="Peers")
    walk = Activity.objects.get(name="Walk and Talk")
    headers = [h for h in HEADERS if h != "Organisation"]
    values = with_ids(peers.uuid, "Walk and Talk", published_id=walk.uuid)
    del values[HEADERS.index("Organisation")]

    run, lines = imported({"Leeds": [headers, values]})

    assert run.updated == 1, lines
    walk.refresh_from_db()
    assert walk.organisation == peers


def test_an_activitys_published_id_in_the_organisation_id_column_is_an_error(mind):
    walk = Activity.objects.get(name="Walk and Talk")

    run, lines = imported({"Leeds": [HEADERS, with_ids(walk.uuid, "Walk and Talk")]})

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        f"Leeds!2 Organisation id: {walk.uuid} — is an activity's published id, not an "
        "organisation's (accepted: the organisation's id from the export's Organisation id "
        "column, or blank)"
    ) in lines


def test_a_row_without_an_id_naming_a_renamed_organisation_by_its_old_name_is_an_error(mind):
    run, lines = imported(
        {
            "Leeds": [
                HEADERS,
                with_ids(mind.uuid, "Walk and Talk", organisation="Leeds Mind"),
                with_ids(None, "Book club", organisation="Mind"),
            ]
        }
    )

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        f"Leeds!3 Organisation: Mind — is the old name of the organisation with id "
        f"{mind.uuid}, which Leeds!2 rename “Leeds Mind” (accepted: its new name, “Leeds "
        f"Mind”, or its id {mind.uuid} in the Organisation id column)"
    ) in lines


def test_renaming_onto_an_organisation_the_sheet_leaves_alone_is_an_error(mind):
    peers = Organisation.objects.get(name="Peers")

    run, lines = imported({"Leeds": [HEADERS, with_ids(mind.uuid, "Walk and Talk", "PEERS")]})

    assert run.outcome == ImportRun.Outcome.FAILED
    assert (
        "Leeds!2 Organisation: PEERS — would rename the organisation with this row's "
        f"Organisation id (“Mind”) to the name of another, “Peers” (organisation id "
        f"{peers.uuid}), which this sheet leaves as it is"
    ) in lines[-1]


def test_two_organisations_swap_names_by_their_ids(mind):
    peers = Organisation.objects.get(name="Peers")
    walk = Activity.objects.get(name="Walk and Talk")
    pair = Activity.objects.get(name="Two Towns Group")

    run, lines = imported(
        {
            "Activities": [
                ["Place", *HEADERS],
                ["Leeds", *with_ids(mind.uuid, "Walk and Talk", "Peers")],
                ["Kirklees; Wakefield", *with_ids(peers.uuid, "Two Towns Group", "Mind")],
            ]
        }
    )

    assert (run.outcome, run.organisations_renamed) == (ImportRun.Outcome.APPLIED, 2), lines
    mind.refresh_from_db()
    peers.refresh_from_db()
    assert (mind.name, peers.name) == ("Peers", "Mind")
    walk.refresh_from_db()
    pair.refresh_from_db()
    assert (walk.organisation_id, pair.organisation_id) == (mind.pk, peers.pk)


@pytest.mark.parametrize("header", ["Organisation id", "Organization ID", "Organisation UUID"])
def test_the_column_is_found_under_its_other_headers(mind, header):
    headers = [*HEADERS[:-2], header]
    values = with_ids(mind.uuid, "Walk and Talk", "Mind in Leeds")[:-1]

    run, lines = imported({"Leeds": [headers, values]})

    assert run.organisations_renamed == 1, lines
    assert Organisation.objects.filter(name="Mind in Leeds", uuid=mind.uuid).exists()


POOL_ACTIVITIES = ["Walk and Talk", "Book club", "Choir"]


POOL_NAMES = ["Mind", "Peers", "Leeds Mind", "MIND", ""]


POOL_UNKNOWN = [UNKNOWN, uuid.UUID(int=11)]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mix_of_organisation_ids_and_names_applies_whole_or_not_at_all(mind, data):
    """Rows drawn from a few activities, organisation names and organisation ids (the
    directory's, unknown, blank, broken): the import never fails with a database error;
    it refuses without writing, or every row's activity has the organisation the row
    says (by id when it gives one, else by name) and no organisation id is lost."""
    peers = Organisation.objects.get(name="Peers")
    id_cells = st.sampled_from(
        [str(mind.uuid), str(peers.uuid), *map(str, POOL_UNKNOWN), "", None, "not an id"]
    )
    drawn = data.draw(
        st.lists(
            st.tuples(st.sampled_from(POOL_ACTIVITIES), st.sampled_from(POOL_NAMES), id_cells),
            min_size=1,
            max_size=5,
        )
    )
    sheet = [HEADERS]
    for activity, name, cell in drawn:
        values = with_ids(None, activity, organisation=name)
        values[HEADERS.index("Organisation id")] = cell
        sheet.append(values)

    def state():
        organisations = sorted(Organisation.objects.values_list("uuid", "name"))
        activities = sorted(Activity.objects.values_list("uuid", "organisation_id", "version"))
        return organisations, activities

    with transaction.atomic():
        before = state()
        run, _plan = master_sheet_import(data=workbook_bytes({"Leeds": sheet}), file_name="x")
        event(f"{run.outcome}, {run.organisations_renamed} renamed")
        if run.outcome == ImportRun.Outcome.FAILED:
            assert state() == before
        else:
            organisations = {o.uuid: o for o in Organisation.objects.all()}
            assert {published for published, _name in before[0]} <= set(organisations)
            for activity, name, cell in drawn:
                candidates = Activity.objects.filter(name=activity, place__slug="leeds")
                if cell and cell != "not an id":
                    organisation = organisations[uuid.UUID(cell)]
                    if name:
                        assert value_key(organisation.name) == value_key(name)
                    assert candidates.filter(organisation=organisation).count() == 1
                elif name:
                    assert candidates.filter(organisation__name_key=value_key(name)).count() == 1
                else:
                    assert candidates.filter(organisation=None).count() == 1
        transaction.set_rollback(True)

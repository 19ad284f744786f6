"""import_master_sheet: counts, variants, every error, all or nothing, idempotence."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from activities.models import Activity, ImportRowResult, ImportRun, Organisation
from activities.tests.factories import make_activity
from activities.tests.workbooks import CANONICAL, row, write

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.django_db


def run(path, *args):
    """(exit code, output) of the command."""
    out = io.StringIO()
    try:
        call_command("import_master_sheet", str(path), *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def snapshot():
    """Everything an import could change, to compare before and after."""
    return (
        sorted(Activity.objects.values_list("pk", "name", "version", "sector", "notes")),
        sorted(Activity.shared_experiences.through.objects.values_list("pk", flat=True)),
        sorted(Organisation.objects.values_list("pk", "name")),
        Activity.history.count(),
    )


def counts(field):
    return dict(Activity.objects.values_list(field).annotate(n=Count("pk")).order_by())


VARIANT_HEADERS = [
    "Activity name",
    "Delivered by",
    "Organisation type",
    "Main focus \n(mental or non-mental health)",
    "Peer group",
    "Model of delivery",
    "Funding",
    "URL",
    "Online?",
    "Active?",
    "Date found",
    "Comments",
    "Internal ref",
]


@pytest.fixture
def variants_workbook(tmp_path):
    """Two places, title rows, a notes tab, a chart, blank rows, variant spellings."""
    return write(
        tmp_path,
        {
            "Read me": [["How to fill in this workbook"], ["One tab per place."]],
            "Leeds": [
                ["Scoping - Leeds"],
                [],
                VARIANT_HEADERS,
                [*row(" Walk  and Talk ", "Leeds Mind", "3rd sector", "MH", "Anxiety; Men"), "R1"],
                [None] * 13,
                [
                    *row(
                        "Crafternoon",
                        "",
                        "Community group",
                        "Non MH",
                        "Isolation\nOlder adults",
                        "1:1",
                        "None",
                        "",
                        "N",
                        "",
                        datetime.datetime(2020, 3, 4),
                        "",
                    ),
                    "R2",
                ],
                [
                    *row(
                        "Dads group",
                        "Leeds Mind",
                        "Council",
                        "Mental health",
                        "Parents, LGBTQ+",
                        "Peer support group",
                        "?",
                        "example.org/dads",
                        "TRUE",
                        "Closed",
                        "2020-05-06",
                        "=not a formula",
                    ),
                    "R3",
                ],
            ],
            "Bradford": [
                ["Scoping"],
                CANONICAL,
                row(
                    "Hearing voices group",
                    "Bradford Mind",
                    "NHS",
                    "Mental health focused",
                    "Hearing voices",
                    "Drop-in",
                ),
                ["   ", None, ""],
                row(
                    "Veterans breakfast",
                    "",
                    "Partnership",
                    "Mental health",
                    "Armed forces",
                    "Activity",
                ),
            ],
            "chart:Chart1": [],
        },
    )


def test_it_imports_a_multi_sheet_workbook_with_variants(variants_workbook):
    code, output = run(variants_workbook)

    assert code == 0, output
    assert counts("place__name") == {"Leeds": 3, "Bradford & Craven": 2}
    assert counts("sector") == {
        "third_sector": 1,
        "community": 1,
        "local_authority": 1,
        "nhs": 1,
        "partnership_nhs": 1,
    }
    assert counts("delivery_model") == {
        "support_group": 2,
        "one_to_one": 1,
        "drop_in": 1,
        "activity_group": 1,
    }
    assert counts("shared_experiences__name") == {
        "Anxiety": 1,
        "Men's mental health": 1,
        "Loneliness and isolation": 1,
        "Older people": 1,
        "Parenthood": 1,
        "LGBTQI+": 1,
        "Hearing voices": 1,
        "Armed forces / veterans": 1,
    }
    walk = Activity.objects.get(name="Walk and Talk")
    assert walk.organisation.name == "Leeds Mind"
    assert walk.main_focus == "mental_health"
    assert walk.online is True
    assert walk.date_scoped == datetime.date(2020, 2, 1)
    crafternoon = Activity.objects.get(name="Crafternoon")
    assert crafternoon.organisation is None
    assert crafternoon.funding_type == "unfunded"
    assert crafternoon.status == "unknown"
    assert crafternoon.online is False
    assert crafternoon.date_scoped == datetime.date(2020, 3, 4)
    dads = Activity.objects.get(name="Dads group")
    assert dads.notes == "=not a formula"  # read as text, never evaluated
    assert dads.website == "https://example.org/dads"
    assert dads.funding_type == "unknown"
    assert dads.status == "closed"
    assert Organisation.objects.filter(name="Leeds Mind").count() == 1
    assert "Leeds: 3 rows read (header on row 3), 3 new, 0 updated, 0 unchanged" in output
    assert "Bradford: 2 rows read (header on row 2), 2 new" in output
    assert "unknown columns ignored: Internal ref" in output
    assert "Read me: skipped (no header row in its first 10 rows)" in output
    assert "Chart1: skipped (a chart, not a table)" in output
    run_record = ImportRun.objects.get()
    assert (run_record.outcome, run_record.new, run_record.source) == ("applied", 5, "command")
    assert run_record.rows.filter(result="new").count() == 5


def test_it_imports_the_sample_workbook(tmp_path):
    code, output = run(DATA / "master_sample.xlsx")

    assert code == 0, output
    assert counts("place__name") == {"Leeds": 30, "Calderdale": 30}
    assert "Notes: skipped" in output


def test_a_single_sheet_with_a_place_column(tmp_path):
    path = write(
        tmp_path,
        {
            "All activities": [
                ["Place", *CANONICAL],
                ["Leeds", *row("Walk and Talk")],
                ["Harrogate and Rural", *row("Walk and Talk")],
                [
                    "Craven",
                    *row(
                        "Book club",
                        experiences="Financial issues and / or debt, Alzheimer's / dementia",
                        date=43891,  # an Excel day number: 2020-03-01
                    ),
                ],
            ],
            # A row's own Place wins over the sheet's name.
            "Wakefield": [["Region", *CANONICAL], ["Kirklees", *row("Allotment")]],
        },
    )

    code, output = run(path)

    assert code == 0, output
    assert counts("place__name") == {
        "Leeds": 1,
        "Harrogate & Rural District": 1,
        "Bradford & Craven": 1,
        "Kirklees": 1,
    }
    book_club = Activity.objects.get(name="Book club")
    assert set(book_club.shared_experiences.values_list("name", flat=True)) == {
        "Financial issues and / or debt",
        "Alzheimer's / dementia",
    }
    assert book_club.date_scoped == datetime.date(2020, 3, 1)


def test_a_row_without_a_place_on_a_sheet_not_named_after_one_is_an_error(tmp_path):
    path = write(
        tmp_path,
        {"All": [["Place", *CANONICAL], ["Leeds", *row("Walk")], ["", *row("Book club")]]},
    )

    code, output = run(path)

    assert code == 1
    assert (
        "All!3 Place: (blank) — required: this sheet is not named after a place (accepted: "
        "Bradford & Craven, Calderdale,"
    ) in output
    assert Activity.objects.count() == 0


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path):
    make_activity(name="Already here", notes="keep me")
    before = snapshot()
    path = write(
        tmp_path,
        {
            "Leeds": [
                ["Title"],
                CANONICAL,
                row("Good row"),
                row("Bad sector", sector="Charityy"),
                row("", notes="no name"),
                row("Bad experience", experiences="Anxiety; Moonwalking"),
                row("Bad date", date="31/02/2020"),
            ],
            "Sheffield": [CANONICAL, row("Not a place")],
            "Wakefield": [CANONICAL, row("Bad online", online="maybe", model="")],
        },
    )

    code, output = run(path)

    assert code == 1
    assert snapshot() == before
    lines = output.splitlines()
    assert "Leeds!4 Sector: Charityy — not a known sector (accepted: Arts, Community, " in output
    assert "Leeds!5 Project name / support type: (blank) — required" in lines
    assert any(
        line.startswith("Leeds!6 Shared experience: Moonwalking — not a known shared experience")
        for line in lines
    )
    assert any(
        line.startswith("Leeds!7 Date scoped: 31/02/2020 — is not a real date") for line in lines
    )
    assert any(
        line.startswith("Sheffield: the header row (row 1) has no column for Place")
        for line in lines
    )
    assert any(line.startswith("Wakefield!2 Online: maybe — is not yes or no") for line in lines)
    assert any(
        line.startswith("Wakefield!2 Primary model of delivery: (blank) — required (accepted: ")
        for line in lines
    )
    assert "7 errors; nothing was written:" in output
    failed = ImportRun.objects.get()
    assert failed.outcome == "failed"
    assert failed.errors == 7
    assert set(failed.rows.filter(result="error").values_list("sheet", "row")) == {
        ("Leeds", 4),
        ("Leeds", 5),
        ("Leeds", 6),
        ("Leeds", 7),
        ("Wakefield", 2),
    }


def test_a_dry_run_writes_nothing(variants_workbook):
    before = snapshot()

    code, output = run(variants_workbook, "--dry-run")

    assert code == 0
    assert snapshot() == before
    assert "Total: 5 rows read, 5 new, 0 updated, 0 unchanged" in output
    assert "Dry run: nothing was written." in output
    assert ImportRun.objects.get().outcome == "dry_run"


def test_a_second_import_changes_nothing(variants_workbook):
    run(variants_workbook)
    before = snapshot()

    code, output = run(variants_workbook)

    assert code == 0
    assert snapshot() == before
    assert "Total: 5 rows read, 0 new, 0 updated, 5 unchanged" in output


def test_an_edited_sheet_updates_in_place_and_adds_new_rows(tmp_path):
    first = write(tmp_path, {"Leeds": [CANONICAL, row("Walk and Talk"), row("Book club")]})
    run(first)
    walk = Activity.objects.get(name="Walk and Talk")
    history_before = walk.history.count()
    edited = write(
        tmp_path,
        {
            "Leeds": [
                CANONICAL,
                row(
                    "WALK and talk",
                    organisation=" mind",
                    status="Closed",
                    experiences="Anxiety; Depression",
                ),
                row("Book club"),
                row("Choir"),
            ]
        },
        name="edited.xlsx",
    )

    code, output = run(edited)

    assert code == 0, output
    assert "1 new, 1 updated, 1 unchanged" in output
    assert Activity.objects.count() == 3
    walk.refresh_from_db()
    assert walk.name == "WALK and talk"
    assert walk.status == "closed"
    assert walk.version == 2
    assert walk.history.count() == history_before + 1
    assert walk.history.first().history_change_reason == "Imported from edited.xlsx"
    assert set(walk.shared_experiences.values_list("name", flat=True)) == {
        "Anxiety",
        "Depression",
    }
    assert Activity.objects.get(name="Book club").version == 1
    result = ImportRowResult.objects.get(run__outcome="applied", result="updated")
    assert result.changes["Status"] == ["Active", "Closed"]
    assert result.changes["Shared experience"] == ["Anxiety", "Anxiety; Depression"]


def test_a_missing_optional_column_leaves_that_field_alone(tmp_path):
    make_activity(name="Walk and Talk", organisation="Mind", website="https://mind.example")
    headers = [h for h in CANONICAL if h != "Website"]
    values = row("Walk and Talk", sector="Third Sector", model="Support group")
    del values[CANONICAL.index("Website")]
    path = write(tmp_path, {"Leeds": [headers, values]})

    run(path)

    assert Activity.objects.get().website == "https://mind.example"


def test_duplicate_identities_in_one_file_are_errors(tmp_path):
    path = write(
        tmp_path,
        {
            "Leeds": [CANONICAL, row("Walk and Talk"), row("Walk & Talk!", organisation="MIND")],
            "Sheet2": [["Place", *CANONICAL], ["Leeds", *row("walk and talk")]],
        },
    )

    code, output = run(path)

    assert code == 1
    assert Activity.objects.count() == 0
    assert (
        "Leeds!3 Project name / support type: Walk & Talk! — duplicate row: Leeds!2 has the "
        "same place, organisation and name"
    ) in output
    assert "Sheet2!2 Project name / support type: walk and talk — duplicate row: Leeds!2" in output


def test_a_workbook_without_a_recognisable_sheet_fails(tmp_path):
    path = write(tmp_path, {"Notes": [["Just notes"]]})

    code, output = run(path)

    assert code == 1
    assert "no worksheet has the master sheet's headers" in output


def test_a_file_that_is_not_a_workbook_fails_clearly(tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_text("name,place\n")

    code, output = run(path)

    assert code == 1
    assert "This is not a spreadsheet the import can read" in output
    assert ImportRun.objects.get().outcome == "failed"


def test_row_results_are_kept_for_recent_runs_only(tmp_path, settings):
    from activities.master_sheet.apply import runs_prune

    path = write(tmp_path, {"Leeds": [CANONICAL, row("Walk and Talk")]})
    for _ in range(3):
        run(path, "--dry-run")
    runs_prune(keep=2)

    assert ImportRun.objects.count() == 3
    assert ImportRowResult.objects.count() == 2


def test_a_plan_is_not_applied_over_an_activity_edited_since(tmp_path):
    from activities.master_sheet.apply import StalePlan, plan_apply
    from activities.master_sheet.files import workbook_open
    from activities.master_sheet.plan import master_sheet_plan

    walk = make_activity(name="Walk and Talk", organisation="Mind", notes="old")
    path = write(tmp_path, {"Leeds": [CANONICAL, row("Walk and Talk", notes="new")]})
    plan = master_sheet_plan(workbook_open(path.read_bytes()))
    walk.notes = "edited meanwhile"
    walk.save()

    with pytest.raises(StalePlan, match="1 activities were edited by someone else"):
        plan_apply(plan=plan)

    walk.refresh_from_db()
    assert walk.notes == "edited meanwhile"

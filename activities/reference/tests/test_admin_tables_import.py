"""The admin's import and export of places, aliases and organisations (django-import-export).

Who may use these pages: ``test_admin_tables_access``."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activities.models import Alias, Organisation, Place
from activities.records.data_version import current_token
from activities.reference.tests.admin_tables import (
    BASE,
    CSV,
    XLSX,
    confirm,
    csv_file,
    csv_rows,
    export,
    flash,
    history_count,
    import_file,
    page_errors,
    place_table,
    preview,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

# -- round trip -----------------------------------------------------------------


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_an_export_imported_again_changes_nothing(client_for, superuser, file_format):
    Organisation.objects.create(name="=Leeds Mind", website="https://leedsmind.example", notes="-")
    Organisation.objects.create(name="Touchstone", notes="+ Meets in\ntwo venues @ Leeds")
    Alias.objects.create(vocabulary="sector", spelling="=Charity shop", canonical="third_sector")
    client = client_for(superuser)
    before = {
        "places": place_table(),
        "organisations": list(Organisation.objects.values_list("name", "website", "notes")),
        "aliases": list(Alias.objects.values_list("vocabulary", "spelling", "canonical")),
    }
    histories = history_count(Place, Organisation, Alias)
    extension = {CSV: "csv", XLSX: "xlsx"}[file_format]

    for model in ("place", "organisation", "alias"):
        exported = export(client, model, file_format).content
        upload = SimpleUploadedFile(f"{model}.{extension}", exported)
        previewed = preview(client, model, upload, file_format)
        result = previewed.context["result"]
        assert {row.import_type for row in result.rows} == {"skip"}, model
        response = confirm(client, model, previewed)
        assert response.status_code == 302
        assert "0 new, 0 updated" in flash(response)[-1]

    assert before == {
        "places": place_table(),
        "organisations": list(Organisation.objects.values_list("name", "website", "notes")),
        "aliases": list(Alias.objects.values_list("vocabulary", "spelling", "canonical")),
    }
    assert history_count(Place, Organisation, Alias) == histories


def test_the_columns_are_the_documented_ones(client_for, superuser):
    client = client_for(superuser)
    assert csv_rows(export(client, "place"))[0] == [
        "name",
        "slug",
        "population",
        "population_source",
        "gss_code",
    ]
    assert csv_rows(export(client, "alias"))[0] == ["vocabulary", "spelling", "canonical"]
    assert csv_rows(export(client, "organisation"))[0] == ["name", "website", "notes"]
    leeds = next(row for row in csv_rows(export(client, "place")) if row[1] == "leeds")
    assert leeds[2] == str(Place.objects.get(slug="leeds").population)


def test_an_export_follows_the_list_filters(client_for, superuser):
    client = client_for(superuser)
    response = client.post(
        f"{BASE}/alias/export/?vocabulary__exact=sector", {"format": CSV, "resource": "0"}
    )
    vocabularies = {row[0] for row in csv_rows(response)[1:]}
    assert vocabularies == {"sector"}


# -- identity by natural key -------------------------------------------------------


def test_an_organisation_is_matched_by_its_name_key(client_for, champion):
    Organisation.objects.create(name="Leeds Mind", website="https://old.example")
    client = client_for(champion)
    import_file(
        client,
        "organisation",
        csv_file(
            [
                ["Name", "Website", "Notes"],  # headers are matched as the master sheet's are
                ["LEEDS  mind.", "https://leedsmind.example", "Moved in 2020"],
                ["Touchstone", "", ""],
            ]
        ),
    )
    leeds_mind = Organisation.objects.get(name_key="leedsmind")
    assert Organisation.objects.count() == 2
    assert leeds_mind.name == "LEEDS mind."
    assert leeds_mind.website == "https://leedsmind.example"
    assert leeds_mind.notes == "Moved in 2020"
    assert Organisation.objects.filter(name="Touchstone").exists()


def test_a_place_is_matched_by_its_slug(client_for, superuser):
    client = client_for(superuser)
    leeds = Place.objects.get(slug="leeds")
    rows = [["name", "slug", "population", "population_source", "gss_code"]]
    rows.append(["Leeds", "leeds", "820,000", "ONS mid-year estimate 2020", "E08000035"])
    import_file(client, "place", csv_file(rows))
    leeds.refresh_from_db()
    assert (leeds.population, leeds.population_source) == (820000, "ONS mid-year estimate 2020")
    assert Place.objects.count() == 6


def test_an_alias_is_matched_by_vocabulary_and_spelling_key(client_for, superuser):
    Alias.objects.create(vocabulary="sector", spelling="Tenants' group", canonical="community")
    count = Alias.objects.count()
    client = client_for(superuser)
    rows = [
        ["vocabulary", "spelling", "canonical"],
        ["Sector", "TENANTS GROUP", "third_sector"],  # a vocabulary's label is read too
        ["funding_type", "Tenants' group", "unknown"],  # another vocabulary: another alias
    ]
    import_file(client, "alias", xlsx_file(rows), XLSX)
    assert Alias.objects.count() == count + 1
    changed = Alias.objects.get(vocabulary="sector", spelling_key="tenantsgroup")
    assert (changed.spelling, changed.canonical) == ("TENANTS GROUP", "third_sector")


# -- bad rows: a clear message, nothing written -------------------------------------


def test_a_bad_row_is_named_with_its_column_and_nothing_is_written(client_for, superuser):
    client = client_for(superuser)
    aliases, histories = Alias.objects.count(), history_count(Alias)
    rows = [
        ["vocabulary", "spelling", "canonical"],
        ["sector", "Registered charity no.", "third_sector"],
        ["sector", "Quango", "no_such_sector"],
        ["place", "", "leeds"],
        ["Sectors", "Quango", "third_sector"],
    ]
    response = preview(client, "alias", csv_file(rows))
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    errors = page_errors(response)
    assert any(line.startswith("Row 3, canonical: Choose one of:") for line in errors), errors
    assert "Row 4, spelling: This field cannot be blank." in errors, errors
    assert any(
        line.startswith("Row 5, vocabulary: “Sectors” is not a vocabulary;") for line in errors
    )
    assert not any(line.startswith("Row 2") for line in errors)
    assert "Nothing has been saved" in response.content.decode()
    assert Alias.objects.count() == aliases
    assert history_count(Alias) == histories


def test_a_bad_number_is_a_row_error_not_a_crash(client_for, superuser):
    client = client_for(superuser)
    rows = [["name", "slug", "population", "population_source", "gss_code"]]
    rows.append(["Leeds", "leeds", "lots", "", ""])
    rows.append(["Selby", "selby", "", "", ""])
    response = preview(client, "place", csv_file(rows))
    errors = page_errors(response)
    assert "Row 2, population: “lots” is not a whole number; write it like 818085." in errors
    assert "Row 3, population: This field cannot be null." in errors
    assert not Place.objects.filter(slug="selby").exists()


def test_the_models_own_clean_applies(client_for, champion):
    client = client_for(champion)
    rows = [["name", "website", "notes"], ["...", "", ""], ["", "", ""], ["Mind", "not a url", ""]]
    assert page_errors(preview(client, "organisation", csv_file(rows))) == [
        "Row 2, name: Enter the organisation's name.",  # Organisation.clean
        "Row 4, website: Enter a valid URL.",
    ]  # row 3 is empty: skipped, as a blank line is
    assert not Organisation.objects.exists()


def test_a_place_cannot_take_another_places_name(client_for, superuser):
    """A new slug with a name already used is refused by the model's own validation."""
    client = client_for(superuser)
    rows = [["name", "slug", "population", "population_source", "gss_code"]]
    rows.append(["Leeds", "leeds-2", "1000", "", ""])
    errors = page_errors(preview(client, "place", csv_file(rows)))
    assert errors == ["Row 2, name: Place with this Name already exists."]


def test_one_record_twice_in_a_file_is_refused(client_for, champion):
    client = client_for(champion)
    rows = [["name", "website", "notes"], ["Leeds Mind", "", ""], ["LEEDS MIND", "", "again"]]
    response = preview(client, "organisation", csv_file(rows))
    assert page_errors(response) == [
        "Row 3, name: row 2 of this file is the same organisation; each may appear once."
    ]
    assert not Organisation.objects.exists()


def test_a_file_without_the_identity_column_is_refused(client_for, superuser):
    client = client_for(superuser)
    response = preview(client, "place", csv_file([["name", "population"], ["Leeds", "1"]]))
    assert "The file has no slug column" in response.content.decode()
    assert "confirm_form" not in response.context


def test_a_row_that_went_bad_after_the_preview_writes_nothing(client_for, superuser):
    """All or nothing at the confirm step too: the library would otherwise keep the good rows."""
    selby = Place.objects.create(name="Selby", slug="selby", population=90000)
    client = client_for(superuser)
    rows = [
        ["vocabulary", "spelling", "canonical"],
        ["sector", "Registered charity no.", "third_sector"],
        ["place", "Selby district", "selby"],
    ]
    previewed = preview(client, "alias", csv_file(rows))
    assert "confirm_form" in previewed.context
    selby.delete()  # someone else removes the place the alias means
    response = confirm(client, "alias", previewed)
    assert response.status_code == 200
    assert any("Nothing was imported" in message for message in flash(response))
    assert any(line.startswith("Row 3, canonical:") for line in page_errors(response))
    assert not Alias.objects.filter(spelling_key="registeredcharityno").exists()


def test_a_forged_or_repeated_confirmation_imports_nothing(client_for, superuser, tmp_path):
    client = client_for(superuser)
    rows = [["name", "website", "notes"], ["Leeds Mind", "", ""]]
    previewed = preview(client, "organisation", csv_file(rows))
    forged = {**previewed.context["confirm_form"].initial, "import_file_name": "passwd"}
    response = client.post(f"{BASE}/organisation/process_import/", forged)
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/organisation/import/"
    assert not Organisation.objects.exists()
    bad_format = {**previewed.context["confirm_form"].initial, "format": "99"}
    assert client.post(f"{BASE}/organisation/process_import/", bad_format).status_code == 302
    assert not Organisation.objects.exists()

    previewed = preview(client, "organisation", csv_file(rows))
    assert confirm(client, "organisation", previewed).status_code == 302
    again = confirm(client, "organisation", previewed)
    assert again.status_code == 302
    assert "already confirmed" in flash(again)[-1]
    assert Organisation.objects.count() == 1


def test_unreadable_and_oversized_files_get_a_form_error(client_for, superuser, settings):
    client = client_for(superuser)
    misshapen = SimpleUploadedFile("o.csv", b"name,website,notes\nA,b,c,d\n")
    response = preview(client, "organisation", misshapen)
    assert "more cells than the header row" in str(response.context["form"].errors)
    latin1 = SimpleUploadedFile("o.csv", "name\nCaf\u00e9\n".encode("latin-1"))
    assert "not UTF-8" in str(preview(client, "organisation", latin1).context["form"].errors)
    not_a_workbook = SimpleUploadedFile("o.xlsx", b"name\nA\n")
    response = preview(client, "organisation", not_a_workbook, XLSX)
    assert "not an Excel workbook" in str(response.context["form"].errors)
    settings.MASTER_SHEET_MAX_UPLOAD_BYTES = 10
    response = preview(client, "organisation", csv_file([["name"], ["Leeds Mind"]]))
    assert "the limit is 10 bytes" in str(response.context["form"].errors)
    assert not Organisation.objects.exists()


# -- formula escaping -------------------------------------------------------------


def test_formulas_are_escaped_on_export(client_for, superuser):
    Organisation.objects.create(
        name='=HYPERLINK("http://evil.example","Click")', notes="@SUM(A1)", website=""
    )
    Organisation.objects.create(name="-Minus Group", notes="+44 113 000 0000")
    client = client_for(superuser)
    rows = csv_rows(export(client, "organisation"))
    assert ["'-Minus Group", "", "'+44 113 000 0000"] in rows
    assert ['\'=HYPERLINK("http://evil.example","Click")', "", "'@SUM(A1)"] in rows

    workbook = openpyxl.load_workbook(io.BytesIO(export(client, "organisation", XLSX).content))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert '\'=HYPERLINK("http://evil.example","Click")' in [cell.value for cell in cells]


def test_escaped_cells_are_read_back_unescaped(client_for, champion):
    client = client_for(champion)
    rows = [["name", "website", "notes"], ["'=Leeds Mind", "", "'-5 members"], ["'Quoted", "", ""]]
    import_file(client, "organisation", csv_file(rows))
    assert Organisation.objects.get(name="=Leeds Mind").notes == "-5 members"
    assert Organisation.objects.filter(name="'Quoted").exists()  # not an escape: kept


# -- history and the data version ---------------------------------------------------


def test_imported_changes_are_kept_with_who_made_them(client_for, champion):
    Organisation.objects.create(name="Leeds Mind")
    client = client_for(champion)
    rows = [["name", "website", "notes"], ["Leeds Mind", "leedsmind.example", ""], ["Touchstone"]]
    rows[2] += ["", ""]
    import_file(client, "organisation", csv_file(rows, name="providers.csv"))
    changed = Organisation.objects.get(name="Leeds Mind").history.first()
    added = Organisation.objects.get(name="Touchstone").history.get()
    assert (changed.history_type, changed.history_user) == ("~", champion)
    assert (added.history_type, added.history_user) == ("+", champion)
    assert added.history_change_reason == "Imported from providers.csv"


def test_a_preview_writes_no_history(client_for, champion):
    client = client_for(champion)
    rows = [["name", "website", "notes"], ["Touchstone", "", ""]]
    preview(client, "organisation", csv_file(rows))
    assert not Organisation.history.exists()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("model", "rows"),
    [
        ("organisation", [["name", "website", "notes"], ["Touchstone", "", ""]]),
        (
            "place",
            [
                ["name", "slug", "population", "population_source", "gss_code"],
                ["Leeds", "leeds", "1", "", ""],
            ],
        ),
    ],
)
def test_a_confirmed_import_retires_cached_figures(
    client_for, superuser, django_capture_on_commit_callbacks, model, rows
):
    client = client_for(superuser)
    before = current_token()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        previewed = preview(client, model, csv_file(rows))
    assert callbacks == []  # the preview is rolled back: nothing to retire
    assert current_token() == before
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        confirm(client, model, previewed)
    assert len(callbacks) == 1
    assert current_token() != before


def test_an_import_that_changes_nothing_keeps_the_figures(
    client_for, superuser, django_capture_on_commit_callbacks
):
    client = client_for(superuser)
    exported = export(client, "place").content
    previewed = preview(client, "place", SimpleUploadedFile("p.csv", exported))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        confirm(client, "place", previewed)
    assert callbacks == []


# -- Content-Security-Policy ------------------------------------------------------


def inline_script_or_style(html):
    scripts = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
    styles = re.findall(r"<style\b|\sstyle=", html)
    handlers = re.findall(r"\son[a-z]+=", html)
    return scripts + styles + handlers


def test_the_import_and_export_pages_need_no_inline_script_or_style(client_for, superuser):
    Organisation.objects.create(name="Leeds Mind", website="https://old.example")
    client = client_for(superuser)
    rows = [["name", "website", "notes"], ["Leeds Mind", "https://new.example", ""]]
    previewed = preview(client, "organisation", csv_file(rows))
    assert "<ins>new</ins>" in previewed.content.decode()  # the changed text is highlighted
    bad = preview(
        client, "alias", csv_file([["vocabulary", "spelling", "canonical"], ["x", "", ""]])
    )
    pages = {
        "changelist": client.get(f"{BASE}/organisation/"),
        "import": client.get(f"{BASE}/organisation/import/"),
        "preview": previewed,
        "errors": bad,
        "export": client.get(f"{BASE}/organisation/export/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, name
        assert inline_script_or_style(response.content.decode()) == [], name


def test_the_preview_says_what_each_row_will_do(client_for, superuser):
    Organisation.objects.create(name="Leeds Mind")
    Organisation.objects.create(name="Touchstone")
    client = client_for(superuser)
    rows = [
        ["name", "website", "notes"],
        ["Leeds Mind", "", ""],
        ["Touchstone", "", "Changed"],
        ["Barca", "", ""],
    ]
    html = preview(client, "organisation", csv_file(rows)).content.decode()
    kinds = re.findall(r'<td class="import-type">\s*(\w+)\s*</td>', html)
    assert kinds == ["Unchanged", "Update", "New"]

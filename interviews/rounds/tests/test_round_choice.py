"""The codebook, a theme's page, the theme matrix and the theme co-occurrence table count one
research round at a time: the newest unless ``?round=`` names another, on the page and in its
download alike."""

import io

import openpyxl
import pytest

from interviews.tests.factories import make_theme

pytestmark = pytest.mark.django_db


def matrix_cells(page, theme):
    """The first table's (by place) cells of a theme's row, as shown."""
    row = page.split(f'<th scope="row" class="govuk-table__header">{theme}</th>', 1)[1]
    row = row.split("</tr>", 1)[0]
    return [cell.split(">", 1)[1] for cell in row.split("</td>")[:-1]]


def test_the_matrix_shows_the_newest_round_unless_another_is_chosen(
    client_for, interviewer, two_rounds
):
    study, later = two_rounds
    client = client_for(interviewer)
    newest = client.get("/interviews/themes/matrix/").content.decode()
    assert f"Themes by place, sector, role and paid or volunteer: {later.name}" in newest
    assert "1 (1)" in matrix_cells(newest, "Values")  # Wakefield's one passage
    assert "2 (2)" not in matrix_cells(newest, "Values")
    assert 'name="round"' in newest and f'value="{study.slug}"' in newest
    chosen = client.get(f"/interviews/themes/matrix/?round={study.slug}").content.decode()
    assert "2 (2)" in matrix_cells(chosen, "Values") and "1 (1)" not in matrix_cells(
        chosen, "Values"
    )
    assert f"/interviews/themes/matrix.xlsx?round={study.slug}" in chosen


def test_the_matrix_download_counts_the_round_asked_for(client_for, interviewer, two_rounds):
    study, later = two_rounds
    client = client_for(interviewer)
    totals = {}
    for research_round in (study, later):
        response = client.get(f"/interviews/themes/matrix.xlsx?round={research_round.slug}")
        assert research_round.slug in response["Content-Disposition"]
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
        totals[research_round.slug] = rows["Values"][-1]
    assert (
        totals == {study.slug: "2 (2)", later.slug: "1 (1)"}
        or totals[study.slug] != totals[later.slug]
    )


def test_co_occurrence_counts_the_round_shown(client_for, interviewer, two_rounds):
    study, later = two_rounds
    client = client_for(interviewer)
    newest = client.get("/interviews/themes/co-occurrence/").content.decode()
    assert f"Themes that tag overlapping passages: {later.name}" in newest
    assert "Boundaries" not in newest.split("<table", 1)[-1]  # one theme: no pair this round
    chosen = client.get(f"/interviews/themes/co-occurrence/?round={study.slug}").content.decode()
    table = chosen.split("<table", 1)[1]
    assert "Boundaries" in table and "Values" in table
    csv = client.get(f"/interviews/themes/co-occurrence.csv?round={study.slug}")
    assert "Boundaries,Values,not shown,not shown" in csv.content.decode("utf-8-sig")
    csv = client.get(f"/interviews/themes/co-occurrence.csv?round={later.slug}")
    assert csv.content.decode("utf-8-sig").strip().splitlines()[1:] == []


def codebook_counts(page, theme):
    """A theme's (excerpts, interviews) on the codebook page."""
    row = page.split(f">{theme}</a></td>", 1)[1].split("</tr>", 1)[0]
    cells = [cell.rsplit(">", 1)[1] for cell in row.split("</td>")[:-1]]
    return cells[-2], cells[-1]


def test_the_codebook_counts_the_round_shown(client_for, interviewer, two_rounds):
    study, later = two_rounds
    client = client_for(interviewer)
    newest = client.get("/interviews/themes/").content.decode()
    assert f"counted in {later.name}" in newest
    assert codebook_counts(newest, "Values") == ("1", "1")
    assert codebook_counts(newest, "Boundaries") == ("0", "0")
    chosen = client.get(f"/interviews/themes/?round={study.slug}").content.decode()
    assert codebook_counts(chosen, "Values") == ("2", "2")
    assert codebook_counts(chosen, "Boundaries") == ("2", "2")


def test_a_themes_page_lists_the_round_shown(client_for, interviewer, two_rounds):
    study, later = two_rounds
    values = make_theme("Values")
    client = client_for(interviewer)
    newest = client.get(f"/interviews/themes/{values.pk}/").content.decode()
    assert f"Excerpts (1) in {later.name}" in newest and "Wakefield" in newest
    chosen = client.get(f"/interviews/themes/{values.pk}/?round={study.slug}").content.decode()
    assert f"Excerpts (2) in {study.name}" in chosen and "Wakefield" not in chosen


def test_the_excerpts_workbook_names_each_excerpts_round(client_for, interviewer, two_rounds):
    study, later = two_rounds
    response = client_for(interviewer).get("/interviews/excerpts/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Research round"
    assert sorted((row[2], row[-1]) for row in rows[1:]) == [
        ("Leeds", study.name),
        ("Leeds", study.name),
        ("Wakefield", later.name),
    ]

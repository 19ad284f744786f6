"""The codebook page, theme pages, merge, CSV import/export, excerpt XLSX and the matrix."""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from activities.vocabulary.terms import Sector
from interviews.coding.codebook_csv import codebook_csv
from interviews.coding.services import excerpt_create
from interviews.erasure.withdrawal import withdraw_participant
from interviews.models import ParticipantRole, Theme, ThemeSource
from interviews.tests.factories import make_interview, make_participant, make_theme, round_dates

pytestmark = pytest.mark.django_db


def code(interview, *themes, start=0, end=5, by=None):
    return excerpt_create(interview=interview, start=start, end=end, themes=list(themes), by=by)


def test_the_codebook_counts_excerpts_and_interviews(
    client_for, analyst, django_assert_num_queries, request_overhead
):
    values = make_theme("Values")
    respect = make_theme("Respect", parent=values)
    first, second = make_interview(), make_interview()
    code(first, respect)
    code(first, respect, start=6, end=9)
    code(second, respect, values)
    client = client_for(analyst)
    overhead = request_overhead(client)
    with django_assert_num_queries(overhead + 3):  # rounds, rows, counts
        page = client.get("/interviews/themes/").content.decode()
    row = page.split(">Respect</a>")[1].split("</tr>")[0]
    assert [c.split(">")[-1] for c in row.split("</td>")[2:5]] == ["WY&amp;H interviews", "3", "2"]
    assert 'psd-theme--child"><a class="govuk-link" href' in page


def test_the_theme_page_runs_a_fixed_number_of_queries(
    client_for, analyst, django_assert_num_queries, request_overhead
):
    theme = make_theme()
    for _ in range(4):
        code(make_interview(), theme)
    client = client_for(analyst)
    overhead = request_overhead(client)
    make_theme("Sub-theme", parent=theme)
    # theme, rounds, sub-themes, excerpts, their themes
    with django_assert_num_queries(overhead + 5):
        page = client.get(f"/interviews/themes/{theme.pk}/").content.decode()
    assert page.count('class="govuk-table__cell psd-quote"') == 4
    assert ">Sub-theme</a>" in page


def test_merging_from_the_page(client_for, interviewer):
    a, b = make_theme("A"), make_theme("B")
    code(make_interview(), a)
    response = client_for(interviewer).post(
        "/interviews/themes/merge/", {"source": a.pk, "target": b.pk}, follow=True
    )
    assert "“A” merged into “B”." in response.content.decode()
    assert not Theme.objects.filter(name="A").exists()
    assert b.excerpts.count() == 1


def test_merging_a_theme_into_itself_says_so(client_for, interviewer):
    a = make_theme("A")
    response = client_for(interviewer).post(
        "/interviews/themes/merge/", {"source": a.pk, "target": a.pk}
    )
    assert "Choose two different themes" in response.content.decode()


def upload(client, text):
    return client.post(
        "/interviews/themes/import/",
        {"file": SimpleUploadedFile("codebook.csv", text.encode("utf-8"), "text/csv")},
        follow=True,
    ).content.decode()


def test_codebook_csv_round_trip(client_for, interviewer):
    values = make_theme("Values")
    Theme.objects.create(
        name="=Respect", parent=values, description="Formula-looking", source=ThemeSource.BOTH
    )
    exported = client_for(interviewer).get("/interviews/themes/export.csv").content.decode()
    assert exported.splitlines()[:3] == [
        "name,parent,description,source",
        "Values,,,WY&H interviews",
        "'=Respect,Values,Formula-looking,Both",
    ]
    Theme.objects.all().delete()
    page = upload(client_for(interviewer), exported)
    assert "Codebook imported: 2 new, 0 updated." in page
    respect = Theme.objects.get(name="=Respect")
    assert (respect.parent.name, respect.source) == ("Values", ThemeSource.BOTH)
    assert codebook_csv() == exported


def test_codebook_import_reads_each_themes_source(client_for, interviewer):
    make_theme("Values")  # from the interviews
    make_theme("Hope")
    page = upload(
        client_for(interviewer),
        "name,source\nValues,national literature review\nHope,\nTrust,both\nSafety,\n",
    )
    assert "Codebook imported: 2 new, 2 updated." in page
    sources = dict(Theme.objects.values_list("name", "source"))
    assert sources == {
        "Values": ThemeSource.LITERATURE,  # by its label, in any case
        "Hope": ThemeSource.INTERVIEWS,  # a blank source leaves it as it was
        "Trust": ThemeSource.BOTH,  # by its stored value
        "Safety": ThemeSource.INTERVIEWS,  # a new theme's default
    }
    upload(client_for(interviewer), "name,description\nValues,What matters\n")
    assert Theme.objects.get(name="Values").source == ThemeSource.LITERATURE  # no column


def test_codebook_import_updates_by_name_and_adds(client_for, interviewer):
    make_theme("Values")
    page = upload(
        client_for(interviewer),
        "name,parent,description\nValues,,What matters\nHope,Values,\nSafety,Hope,Feeling safe\n",
    )
    assert "Codebook imported: 2 new, 1 updated." in page
    assert Theme.objects.get(name="Values").description == "What matters"
    assert Theme.objects.get(name="Safety").parent.name == "Hope"


@pytest.mark.parametrize(
    "text,message",
    [
        ("title\nX\n", "The first row must hold the headers name, parent, description, source."),
        (
            "name,source\nA,Everywhere\n",
            "Row 2: the source “Everywhere” is not one of “WY&amp;H interviews”, "
            "“National literature review”, “Both”.",
        ),
        ("name,parent\nA,Nowhere\n", "Row 2: the parent “Nowhere” is neither in the codebook"),
        ("name,parent\nA,\nA,\n", "Row 3: “A” is already on row 2."),
        ("name,parent\nA,B\nB,A\n", "Row 2: “A” would sit under itself."),
        ("name,parent\n,A\n", "Row 2: the theme has no name."),
    ],
)
def test_a_bad_codebook_imports_nothing_and_says_why(client_for, interviewer, text, message):
    page = upload(client_for(interviewer), text)
    assert message in page
    assert "Nothing was imported." in page
    assert not Theme.objects.exists()


def test_a_codebook_that_is_not_utf8_says_so(client_for, interviewer):
    response = client_for(interviewer).post(
        "/interviews/themes/import/",
        {"file": SimpleUploadedFile("c.csv", "name\nCafé\n".encode("utf-16"), "text/csv")},
        follow=True,
    )
    assert "Save the file as CSV UTF-8" in response.content.decode()


def test_the_excerpt_workbook_has_quotes_and_attributes_but_no_identity(client_for, analyst):
    participant = make_participant(
        code="BRD-03",
        place="bradford-craven",
        sector=Sector.NHS,
        role=ParticipantRole.MANAGER,
        paid=True,
    )
    interview = make_interview(participant, transcript="=cmd| said the group helps.")
    code(interview, make_theme("Values"), make_theme("Respect"), start=0, end=10)
    response = client_for(analyst).get("/interviews/excerpts/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        [
            "Quote",
            "Themes",
            "Place",
            "Sector",
            "Role",
            "Paid or volunteer",
            "Participant code",
            "Research round",
        ],
        [
            "'=cmd| said",
            "Respect; Values",
            "Bradford & Craven",
            "NHS",
            "Manager or co-ordinator",
            "Paid",
            "BRD-03",
            "2019-20 study",
        ],
    ]


def matrix_cell(page, dimension, theme, column_index):
    table = page.split(f'id="by-{dimension}"')[1].split("</table>")[0]
    row = table.split(f">{theme}</th>")[1].split("</tr>")[0]
    return [c.split(">")[-1] for c in row.split("</td>")[:-1]][column_index]


def test_the_matrix_counts_by_place_sector_and_role_and_drops_a_withdrawal(
    client_for, analyst, interviewer, settings, django_assert_num_queries, request_overhead
):
    round_dates(withdrawal_deadline=datetime.date(2030, 1, 1))
    theme = make_theme("Burnout")
    leeds = make_participant(place="leeds", role=ParticipantRole.MANAGER)
    wakefield = make_participant(place="wakefield", sector=Sector.NHS)
    first = make_interview(leeds)
    code(first, theme)
    code(first, theme, start=6, end=9)
    code(make_interview(wakefield), theme)
    client = client_for(analyst)
    overhead = request_overhead(client)
    # rounds, themes, places; then per dimension the counts by theme and by parent theme
    with django_assert_num_queries(overhead + 11):
        page = client.get("/interviews/themes/matrix/").content.decode()
    # Places in name order: Bradford & Craven, Calderdale, Harrogate..., Kirklees, Leeds, Wakefield
    assert matrix_cell(page, "place", "Burnout", 4) == "2 (1)"
    assert matrix_cell(page, "place", "Burnout", 5) == "1 (1)"
    assert matrix_cell(page, "place", "Burnout", 6) == "3 (2)"
    assert matrix_cell(page, "sector", "Burnout", 2) == "1 (1)"  # NHS
    assert matrix_cell(page, "role", "Burnout", 1) == "2 (1)"  # managers

    with time_machine.travel(datetime.datetime(2029, 1, 1, tzinfo=datetime.UTC)):
        withdraw_participant(participant=leeds, by=interviewer)
    page = client.get("/interviews/themes/matrix/").content.decode()
    assert matrix_cell(page, "place", "Burnout", 4) == "0 (0)"
    assert matrix_cell(page, "place", "Burnout", 6) == "1 (1)"


def test_the_matrix_workbook(client_for, analyst):
    theme = make_theme("Burnout")
    code(make_interview(make_participant(place="leeds")), theme)
    response = client_for(analyst).get("/interviews/themes/matrix.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["By place", "By sector", "By role", "By paid or volunteer"]
    sheet = workbook["By place"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[0] == "Burnout"
    assert row[header.index("Leeds: excerpts")] == 1
    assert row[header.index("Total: interviews")] == 1


def test_exports_run_a_fixed_number_of_queries(
    client_for, analyst, django_assert_num_queries, request_overhead
):
    theme = make_theme()
    for _ in range(4):
        code(make_interview(), theme, make_theme("Other"))
    client = client_for(analyst)
    overhead = request_overhead(client)
    assert overhead >= 3  # session, user, permissions (own and groups', in one)
    with django_assert_num_queries(overhead + 2):  # excerpts, their themes
        client.get("/interviews/excerpts/export.xlsx")
    # rounds, themes, places, 4 x (by theme, by parent)
    with django_assert_num_queries(overhead + 11):
        client.get("/interviews/themes/matrix.xlsx")


def test_columns_left_out_of_the_import_are_kept(client_for, interviewer):
    values = make_theme("Values")
    Theme.objects.create(name="Respect", parent=values, description="Kept")
    page = upload(client_for(interviewer), "name\nRespect\nHope\n")
    assert "Codebook imported: 1 new, 1 updated." in page
    respect = Theme.objects.get(name="Respect")
    assert (respect.parent, respect.description) == (values, "Kept")

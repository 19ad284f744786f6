"""The literature review page: sources as the study cites them, figures counted from
the records, the study's impossible percentages shown as such, values compared."""

import pytest

from interviews.reference.services import interview_reference_load
from reports.study.literature import fits, smallest_fitting_total
from reports.study.literature_models import LiteratureSource, ReviewTheme, SourceType
from reports.study.services import study_conclusions_load


@pytest.fixture
def review(db):
    interview_reference_load()  # the codebook, so review themes link to it
    study_conclusions_load()


def page(client):
    response = client.get("/study/literature/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_sources_are_those_the_review_cites_and_nothing_is_made_up(review):
    assert LiteratureSource.objects.count() == 36
    inclusion = LiteratureSource.objects.get(cited_as="Inclusion Barnet 2018")
    assert inclusion.pages_cited == "3, 4, 5, 6, 12"
    assert inclusion.title == "" and inclusion.source_type == "" and inclusion.focus == ""
    assert {str(t) for t in inclusion.themes.all()} >= {
        "Shared / lived experience",
        "Quality of connection",
    }
    # within the review's inclusion rule: UK, 2010-2020
    assert set(LiteratureSource.objects.values_list("year", flat=True)) <= set(range(2010, 2021))


def test_each_source_shows_its_themes_under_the_reviews_questions(review, client_for, analyst):
    html = page(client_for(analyst))
    row = html[html.index(">Faulkner 2019<") :]
    row = row[: row.index("</tr>")]
    assert "Defining the term “peer”: Intersectional experiences; Power</p>" in row
    assert "Challenges and barriers: Power</p>" in row
    assert "1, part 1, part 2" in row


def test_the_page_counts_from_the_records(review, client_for, commissioner):
    client = client_for(commissioner)
    html = page(client)
    assert 'id="literature-recorded">36<' in html
    assert "36 sources shown." in html
    LiteratureSource.objects.filter(cited_as__in=["Mind 2013", "Mind 2014"]).update(
        source_type=SourceType.GREY
    )
    LiteratureSource.objects.filter(cited_as="Jacobson 2012").delete()
    html = page(client)
    assert 'id="literature-recorded">35<' in html
    types = html[html.index('id="literature-types"') :]
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    assert f"Grey literature</th>{cell}13</td>{cell}2</td>" in types
    assert f"Not recorded</th>{cell}</td>{cell}33</td>" in types
    assert f"All sources</th>{cell}39</td>" in types
    filtered = client.get("/study/literature/?source_type=grey").content.decode()
    assert (
        "2 sources shown." in filtered and "Mind 2014" in filtered and "Nesta 2015" not in filtered
    )
    by_group = client.get("/study/literature/?group=values").content.decode()
    assert "Basset et al 2010" in by_group and "UCL 2015" not in by_group


def test_bad_filters_say_what_is_wrong_and_show_nothing(review, client_for, analyst):
    response = client_for(analyst).get("/study/literature/?source_type=novel")
    assert response.status_code == 400
    html = response.content.decode()
    assert "These filters are not valid" in html and "0 sources shown." in html
    assert "Type: Select a valid choice. novel is not one of the available choices." in html


def test_the_studys_focus_percentages_are_shown_with_which_cannot_be(review, client_for, analyst):
    assert not fits(16, 39) and not fits(24, 39) and fits(5, 39)
    assert smallest_fitting_total([16, 5, 24, 11, 8, 3, 19, 11, 3]) == 37
    html = page(client_for(analyst))
    focus = html[html.index('id="literature-focus"') :]
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    assert f"Project evaluations</th>{cell}16%*</td>{cell}0</td>" in focus
    assert f"Service reports</th>{cell}5%</td>" in focus
    assert f"Peer support workforce</th>{cell}19%*</td>" in focus
    note = html[html.index('id="literature-discrepancy"') :]
    assert "No whole number of 39 sources gives this percentage" in note
    assert "Together the chart's percentages fit 37 sources, not 39." in note


def test_national_values_are_set_beside_the_codebooks(review, client_for, analyst):
    empathy = ReviewTheme.objects.get(group="values", name="Empathy")
    assert [t.name for t in empathy.codebook_themes.all()] == [
        "Empathy",
        "Empathy and understanding",
    ]
    html = page(client_for(analyst))
    local = html[html.index('id="values-local"') :]
    local = local[: local.index("</p>")]
    # the values the study found in WY&H beyond the national ten
    for value in (
        "Empowerment",
        "Equal relationships and overcoming power dynamics",
        "Creating a safe space",
        "Being recovery focused",
    ):
        assert value in local
    assert "Empathy" not in local and "Shared experience" not in local and "Safety" not in local


# session, user, the user's permissions (own and groups', in one); then sources and their
# themes, counts by type and by focus, review themes and their codebook links, local values
LITERATURE_QUERIES = 3 + 7


def test_the_page_runs_a_fixed_number_of_queries(
    review, client_for, analyst, django_assert_num_queries
):
    client = client_for(analyst)
    with django_assert_num_queries(LITERATURE_QUERIES):
        page(client)
    for n in range(30):
        source = LiteratureSource.objects.create(
            cited_as=f"Extra {n} 2015", author="Extra", year=2015
        )
        source.themes.set(ReviewTheme.objects.all()[:3])
    with django_assert_num_queries(LITERATURE_QUERIES):
        assert "66 sources shown." in page(client)


def test_the_admin_exports_the_sources_and_imports_a_type_from_the_bibliography(
    review, client_for, superuser
):
    import io

    client = client_for(superuser)
    exported = client.post(
        "/admin/reports/literaturesource/export/", {"format": "0", "resource": "0"}
    )
    text = exported.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "cited_as,author,year,title,type,focus,pages_cited,note"
    assert 'Inclusion Barnet 2018,Inclusion Barnet,2018,,,,"3, 4, 5, 6, 12",' in text
    upload = io.BytesIO(
        b"cited_as,author,year,title,type,focus,pages_cited,note\n"
        b'Mind 2013,Mind,2013,,Grey literature,Defining peer support,"6, 9",\n'
    )
    upload.name = "sources.csv"
    response = client.post(
        "/admin/reports/literaturesource/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200 and "Update" in response.content.decode()
    confirmed = client.post(
        "/admin/reports/literaturesource/process_import/", response.context["confirm_form"].initial
    )
    assert confirmed.status_code == 302
    mind = LiteratureSource.objects.get(cited_as="Mind 2013")
    assert (mind.source_type, mind.focus) == ("grey", "defining")
    assert mind.themes.exists()  # the import leaves the themes as they were

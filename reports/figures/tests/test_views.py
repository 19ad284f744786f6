import re

import pytest

from activities.models import Place
from activities.tests.factories import make_activity
from activities.vocabulary.terms import Sector
from interviews.models import ParticipantRole
from reports.models import Highlight
from reports.tests.dataset import make_known_activities
from reports.tests.interview_dataset import add_participant, make_known_interviews, release

pytestmark = pytest.mark.django_db

ROLES = ["champion", "analyst", "interviewer", "commissioner", "superuser"]


def cells(html, table, key):
    """The text of the cells of one row (by data-place / data-value) of a page's table."""
    section = html.split(f'id="table-{table}"', 1)[1].split("</table>", 1)[0]
    attribute = "data-place" if table == "places" else "data-value"
    row = section.split(f'{attribute}="{key}"', 1)[1].split("</tr>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
    ]


@pytest.fixture
def page(client_for, commissioner):
    client = client_for(commissioner)

    def get(url, status=200):
        response = client.get(url)
        assert response.status_code == status, response.content.decode()[:3000]
        return response.content.decode()

    return get


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_read_the_reports(request, client_for, role):
    release()
    client = client_for(request.getfixturevalue(role))
    assert client.get("/reports/").status_code == 200
    assert client.get("/reports/leeds/").status_code == 200
    assert client.get("/reports/leeds/sector.csv").status_code == 200
    assert client.get("/reports/leeds/interview_themes.csv").status_code == 200
    assert client.get("/reports/report.xlsx").status_code == 200


def test_a_user_without_a_role_is_refused(client_for, nobody):
    client = client_for(nobody)
    for url in ["/reports/", "/reports/leeds/", "/reports/places.csv", "/reports/report.xlsx"]:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("url", ["/reports/", "/reports/leeds/", "/reports/leeds/report.xlsx"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_region_page_shows_the_places_against_population(page):
    make_known_activities()
    html = page("/reports/")
    assert "Peer support in West Yorkshire &amp; Harrogate" in html
    assert cells(html, "places", "leeds") == [
        "Leeds",
        "3",
        "0",
        "0",
        "818,085",
        "ONS mid-year estimate, published June 2019",
        "0.4",
        "75.0%",
    ]
    assert cells(html, "places", "calderdale")[1:] == [
        "0",
        "0",
        "0",
        "210,100",
        "ONS, published June 2018",
        "0.0",
        "0.0%",
    ]
    assert cells(html, "places", "region")[:5] == [
        *("Region (every activity once)", "4", "", "", "2,474,920")
    ]
    assert re.search(
        r"Population \(the six places' figures added together\)</dt>\s*"
        r'<dd class="govuk-summary-list__value">2,474,920</dd>',
        html,
    )
    assert cells(html, "delivery_model", "support_group") == ["Support group", "2", "50.0"]
    assert cells(html, "shared_experience", "lgbtqi") == ["LGBTQI+", "1", "25.0"]
    assert "not a signposting service" in html


def test_a_place_page_shows_the_regional_percentage_beside_its_own(page):
    make_known_activities()
    html = page("/reports/leeds/")
    assert "Peer support in Leeds" in html
    assert cells(html, "delivery_model", "support_group") == ["Support group", "2", "66.7", "50.0"]
    assert cells(html, "delivery_model", "one_to_one") == ["One to one", "0", "0.0", "25.0"]
    assert re.search(r'id="headline-share">75.0% of 4<', html)
    assert 'id="table-places"' not in html


def test_a_place_with_no_activities_shows_zero(page):
    make_known_activities()
    html = page("/reports/kirklees/")
    assert '<dd class="govuk-summary-list__value" id="headline-total">0</dd>' in html
    assert '<dd class="govuk-summary-list__value" id="headline-rate">0.0</dd>' in html
    assert cells(html, "sector", "nhs") == ["NHS", "0", "0.0", "25.0"]


def test_options_in_the_url_change_the_figures(page):
    make_known_activities()
    html = page("/reports/leeds/?status=active")
    assert (
        "Counted: Active activities, whenever scoped; a place&#x27;s figures count the "
        "activities serving it alone, as the study did."
    ) in html
    assert cells(html, "delivery_model", "support_group") == ["Support group", "2", "100.0", "66.7"]
    html = page("/reports/?scoped_from=2019-11-01&scoped_to=01/03/2020")
    assert cells(html, "places", "region")[1] == "2"
    assert 'value="2019-11-01"' in html and 'value="2020-03-01"' in html
    assert 'href="/reports/leeds/?scoped_from=2019-11-01&amp;scoped_to=01%2F03%2F2020"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "status=everything",
            "Choose which activities to count: “all” or “active”, not “everything”.",
        ),
        (
            "scoped_from=2020-02-30",
            "Enter the date scoped from as YYYY-MM-DD, for example 2020-03-31.",
        ),
        (
            "scoped_from=2020-03-01&scoped_to=2020-01-01",
            "The “scoped to” date must be the same as or after “scoped from”.",
        ),
    ],
)
def test_bad_options_say_what_is_wrong(page, query, message):
    html = page(f"/reports/leeds/?{query}", status=400)
    assert "The report options are not valid" in html
    assert message in html
    assert 'id="table-delivery_model"' not in html


def test_an_unknown_place_is_not_found(page):
    page("/reports/york/", status=404)


def test_the_pages_only_answer_get(client_for, commissioner):
    client = client_for(commissioner)
    assert client.post("/reports/").status_code == 405
    assert client.post("/reports/leeds/sector.csv").status_code == 405


def test_highlights_appear_on_their_own_page_in_order(page):
    Highlight.objects.create(place=None, order=2, text="Second for the region.")
    Highlight.objects.create(place=None, order=1, text="First for the region.")
    leeds = make_activity().place
    Highlight.objects.create(place=leeds, order=1, text="Only about Leeds.")
    region = page("/reports/")
    assert region.index("First for the region.") < region.index("Second for the region.")
    assert "Only about Leeds." not in region
    html = page("/reports/leeds/")
    assert "Only about Leeds." in html and "for the region" not in html
    assert "The team has written no highlights for this page yet." in page("/reports/wakefield/")


def test_the_bars_are_text_a_screen_reader_reads_with_the_table_one_click_away(page):
    make_known_activities()
    release()
    html = page("/reports/leeds/")
    section = html.split('id="heading-delivery_model"', 1)[1].split("</section>", 1)[0]
    bars = section.split('<ul class="psd-bars psd-bars--compared">', 1)[1].split("</ul>", 1)[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", bars))
    assert "Support group 66.7% (2) Region 50.0%" in text
    assert "Activity group 33.3% (1) Region 25.0%" in text
    assert 'aria-hidden="true"' in bars  # only the drawn bar is hidden from them
    assert '<details class="govuk-details psd-breakdown__details">' in section
    assert 'id="table-delivery_model"' in section.split("<details", 1)[1]


def test_the_pages_have_no_inline_styles_or_scripts(page):
    make_known_activities()
    for html in (page("/reports/"), page("/reports/leeds/")):
        assert "style=" not in html
        assert "<script>" not in html and "<script " not in html.replace(
            '<script type="module" src=', ""
        )
        assert "css/reports.css" in html and 'css/print.css" media="print"' in html


# session + user + the user's permissions (own and groups', in one), then the report's
# queries: places, the data version, the experiences' names, highlights, the research
# rounds with released interview figures (none here: with one, two more for its panels,
# pinned in reports/interview_figures/tests/test_round_reports.py), and, to count the activities, the facet index (its six queries, the
# tests' cache keeping nothing; the version read once keys the counts and names the
# index). Six fewer with the counts cached, which every page with the same options shares.
COUNTING_QUERIES = 6
EXPORT_QUERIES = 14
REGION_EXPORT_QUERIES = EXPORT_QUERIES
# A page also reads the snapshots and the chosen snapshot's areas (change since), the
# recommendations' actions and progress records, and whether the figures lag a change
# (``data_version.figures_as_of``).
PAGE_QUERIES = EXPORT_QUERIES + 5
REGION_QUERIES = REGION_EXPORT_QUERIES + 5


def expected_queries(url):
    return (
        REGION_QUERIES
        if url.split("?")[0] in ("/reports/", "/reports/sector.csv")
        else PAGE_QUERIES
    )


@pytest.mark.parametrize("url", ["/reports/", "/reports/leeds/", "/reports/calderdale/"])
def test_a_report_page_runs_a_fixed_number_of_queries(
    client_for, commissioner, django_assert_num_queries, url
):
    client = client_for(commissioner)
    with django_assert_num_queries(expected_queries(url)):
        assert client.get(url).status_code == 200
    make_known_activities()
    for n in range(20):
        make_activity(f"Extra {n}", place="calderdale", experiences=("carers", "anxiety"))
    Highlight.objects.create(place=None, text="A region highlight.")
    make_known_interviews()
    for n in range(12):
        add_participant(
            f"CAL-{n:02d}",
            "calderdale",
            Sector.NHS,
            ParticipantRole.MANAGER,
            n % 2 == 0,
            [[[f"Theme {n}"], ["Burnout"]], [["Boundaries"]]],
        )
    with django_assert_num_queries(expected_queries(url)):
        assert client.get(url).status_code == 200


def test_the_exports_run_a_fixed_number_of_queries(
    client_for, commissioner, django_assert_num_queries
):
    make_known_activities()
    make_known_interviews()
    client = client_for(commissioner)
    with django_assert_num_queries(EXPORT_QUERIES):
        assert client.get("/reports/leeds/report.xlsx").status_code == 200
    with django_assert_num_queries(REGION_EXPORT_QUERIES):
        assert client.get("/reports/sector.csv").status_code == 200


def test_the_navigation_and_home_page_link_to_the_reports(client_for, commissioner):
    html = client_for(commissioner).get("/").content.decode()
    assert html.count('href="/reports/"') == 2


def test_a_place_with_no_population_says_its_rate_is_not_known(page):
    Place.objects.filter(slug="calderdale").update(population=0)
    make_activity(place="calderdale")
    assert cells(page("/reports/"), "places", "calderdale")[6] == "not known"
    html = page("/reports/calderdale/")
    assert '<dd class="govuk-summary-list__value" id="headline-rate">not known</dd>' in html


def test_repeat_views_reuse_the_activity_counts_until_the_data_change(
    client_for,
    commissioner,
    figure_cache,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        make_known_activities()
    client = client_for(commissioner)
    # The write prepared the facet index and the default options' counts
    # (data_version._NewToken, reports.figures.prepared); other options are counted from the
    # index in memory, with no query. Every page with the same options shares one count.
    for url in ["/reports/", "/reports/leeds/", "/reports/?status=active"]:
        with django_assert_num_queries(expected_queries(url) - COUNTING_QUERIES):
            first = client.get(url)
        with django_assert_num_queries(PAGE_QUERIES - COUNTING_QUERIES):
            again = client.get(url)
        assert again.context["report"].breakdowns == first.context["report"].breakdowns
        assert again.context["report"].gaps == first.context["report"].gaps
    before = client.get("/reports/leeds/").context["report"].total
    with django_capture_on_commit_callbacks(execute=True):
        make_activity("Leeds Extra", place="leeds")
    assert client.get("/reports/leeds/").context["report"].total == before + 1

"""Interview figures by research round: each query that counts participants or themes counts
one round's; a release is a round's; the report pages show the latest round with released
figures, another on request, or two side by side."""

import pytest

from activities.models import Place
from activities.vocabulary.terms import Sector
from interviews.models import Participant
from interviews.publication.rules import group_sizes, published_excerpts
from interviews.tests.factories import make_round, study_round
from reports.figures.tests.test_views import REGION_QUERIES
from reports.interview_figures.panels import participant_counts, theme_counts
from reports.interview_figures.release import interview_figures_release
from reports.tests.interview_dataset import WORKER, add_participant, make_known_interviews

pytestmark = pytest.mark.django_db

NEW = ["NEW-01", "NEW-02", "NEW-03", "NEW-04"]


@pytest.fixture
def two_rounds():
    """The study's known interviews, and four people of a second round, NHS workers in Leeds."""
    make_known_interviews()
    second = make_round("2025-26")
    for code in NEW:
        add_participant(code, "leeds", Sector.NHS, WORKER, True, [[["Waiting lists"]]])
    Participant.objects.filter(code__in=NEW).update(round=second)
    return study_round(), second


def leeds():
    return Place.objects.get(slug="leeds").pk


def test_every_count_is_of_one_rounds_participants(two_rounds):
    study, second = two_rounds
    studied = participant_counts(study)
    assert studied[leeds()]["participants"] == 7  # the study's Leeds people only
    assert participant_counts(second) == {leeds(): participant_counts(second)[leeds()]}
    assert participant_counts(second)[leeds()]["participants"] == 4
    names = lambda counts: {name for name, _ in counts.values()}  # noqa: E731
    assert "Waiting lists" not in names(theme_counts(study))
    assert names(theme_counts(second)) == {"Waiting lists"}
    assert sum(group_sizes(second).values()) == 4
    assert sum(group_sizes(study).values()) == sum(group_sizes().values()) - 4
    assert all(e.interview.participant.round == second for e in published_excerpts(second))


def test_a_release_counts_its_rounds_participants(two_rounds):
    study, second = two_rounds
    first = interview_figures_release(research_round=study)
    later = interview_figures_release(research_round=second)
    assert (first.round, later.round) == (study, second)
    totals = lambda release: {  # noqa: E731
        tuple(k): v for k, v in release.figures["figures"] if k[0] == "total"
    }
    assert totals(later)[("total", leeds())] == 4
    assert totals(first)[("total", leeds())] == 7


def test_the_page_shows_the_latest_round_with_figures_or_the_one_chosen(
    two_rounds, client_for, commissioner
):
    study, second = two_rounds
    interview_figures_release(research_round=study)
    client = client_for(commissioner)
    page = client.get("/reports/").content.decode()
    assert "Research round: <strong>2019-20 study</strong>" in page  # the only one released
    assert 'id="round-choice"' not in page  # nothing to choose between

    interview_figures_release(research_round=second)
    page = client.get("/reports/leeds/").content.decode()
    assert "Research round: <strong>Round 2025-26</strong>" in page
    assert 'id="headline-interviewed">4<' in page
    page = client.get("/reports/leeds/?interview_round=2019-20").content.decode()
    assert "Research round: <strong>2019-20 study</strong>" in page
    assert 'id="headline-interviewed">7<' in page
    assert '<option value="2019-20" selected>2019-20 study</option>' in page


def test_two_rounds_side_by_side(two_rounds, client_for, commissioner, django_assert_num_queries):
    study, second = two_rounds
    interview_figures_release(research_round=study)
    interview_figures_release(research_round=second)
    client = client_for(commissioner)
    url = "/reports/leeds/?interview_round=2025-26&compare_round=2019-20"
    page = client.get(url).content.decode()
    assert "Round 2025-26 compared with 2019-20 study" in page
    table = page.split('id="compare-interview_sector"', 1)[1].split("</table>", 1)[0]
    nhs = table.split('<th scope="row" class="govuk-table__header">NHS', 1)[1].split("</tr>")[0]
    assert ">4<" in nhs and ">3<" in nhs  # 4 of the round's people; 3 of the study's in Leeds
    themes = page.split('id="compare-interview_themes"', 1)[1].split("</table>", 1)[0]
    assert "Waiting lists" in themes and "Not among its ten" in themes
    # The rounds named (checked), the rounds with figures, then each round's release and
    # the latest withdrawal.
    with django_assert_num_queries(REGION_QUERIES + 5):
        client.get("/reports/?interview_round=2025-26&compare_round=2019-20")
    with django_assert_num_queries(REGION_QUERIES + 2):
        client.get("/reports/")


def test_an_unknown_round_is_a_clear_error(client_for, commissioner):
    response = client_for(commissioner).get("/reports/?interview_round=1999")
    assert response.status_code == 400
    assert "There is no research round “1999”; choose one of 2019-20." in response.content.decode()

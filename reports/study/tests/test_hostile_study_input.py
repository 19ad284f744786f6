"""Random and hostile input to the study's pages and tables: recommendation progress in
the admin, the literature filters, the progress downloads and the quote approvals."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Place
from reports.study.recommendation_models import ActionProgress, SuggestedAction
from reports.study.services import study_conclusions_load
from scoping.tests.hostile import (
    RUN,
    SCRIPT,
    assert_escaped,
    assert_survives,
    ids,
    post_and_check,
    texts,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def study():
    study_conclusions_load()
    return SuggestedAction.objects.get(area__number=1, number=1)


@RUN
@given(data=st.data())
def test_the_progress_form_survives_anything(client_for, champion, study, data):
    client = client_for(champion)
    leeds = str(Place.objects.get(slug="leeds").pk)
    valid = {"action": str(study.pk), "place": leeds, "status": "planned", "noted_on": "2026-11-02"}
    hostile = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "action": ids,
                "place": ids,
                "organisation": ids,
                "status": values,
                "noted_on": values,
                "note": values,
            },
        )
    )
    pages = ["/admin/reports/actionprogress/", "/reports/", "/reports/leeds/"]
    post_and_check(
        client, "/admin/reports/actionprogress/add/", {**valid, **hostile}, ActionProgress, pages
    )


@RUN
@given(
    params=st.lists(
        st.tuples(st.sampled_from(["source_type", "focus", "group", "place"]), texts),
        min_size=1,
        max_size=3,
    )
)
def test_the_literature_filters_and_downloads_survive_anything(client_for, analyst, params):
    client = client_for(analyst)
    # 400: the site refuses a NUL in an address before any view
    assert_survives(client.get("/study/literature/", params), {200, 400})
    response = client.get("/study/recommendations.csv", params)
    assert response.status_code in {200, 400, 404}


@RUN
@given(pk=st.integers(min_value=-(2**63), max_value=2**63))
def test_quote_approval_of_any_id_is_not_a_500(client_for, interviewer, pk):
    response = client_for(interviewer).post(f"/study/quotes/{abs(pk)}/publish")
    assert response.status_code in {302, 404}


def test_stored_hostile_progress_is_escaped_everywhere(client_for, champion, study):
    progress = ActionProgress.objects.create(
        action=study,
        place=Place.objects.get(slug="leeds"),
        status="done",
        note=SCRIPT,
        noted_on="2026-11-02",
    )
    client = client_for(champion)
    for url in (
        "/admin/reports/actionprogress/",
        f"/admin/reports/actionprogress/{progress.pk}/change/",
        f"/admin/reports/actionprogress/{progress.pk}/history/",
        "/reports/leeds/",
    ):
        assert_escaped(client.get(url).content.decode())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/reports/leeds/").content.decode()

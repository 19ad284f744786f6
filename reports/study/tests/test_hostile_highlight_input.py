"""Random and hostile input to the report highlights' admin: no 500, nothing stored
that was refused, the text escaped in the admin and on the report pages."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Place
from reports.models import Highlight
from scoping.tests.hostile import (
    RUN,
    SCRIPT,
    assert_escaped,
    assert_survives,
    post_and_check,
    texts,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing():
    return Highlight.objects.create(place=Place.objects.get(slug="leeds"), text="Kept.", order=1)


@RUN
@given(data=st.data())
def test_the_highlight_form_survives_anything(client_for, interviewer, existing, data):
    client = client_for(interviewer)
    leeds = str(existing.place_id)
    url = data.draw(
        st.sampled_from(
            ["/admin/reports/highlight/add/", f"/admin/reports/highlight/{existing.pk}/change/"]
        )
    )
    valid = {"place": leeds, "order": "2", "text": "Growing NHS provision."}
    hostile = data.draw(st.dictionaries(st.sampled_from(sorted(valid)), values, max_size=3))
    pages = ["/admin/reports/highlight/", "/reports/", "/reports/leeds/"]
    post_and_check(client, url, {**valid, **hostile}, Highlight, pages)


@RUN
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(["place__id__exact", "o", "p", "q", "_changelist_filters"]), texts
        ),
        min_size=1,
        max_size=3,
    )
)
def test_the_highlight_list_filters_survive_anything(client_for, interviewer, params):
    response = client_for(interviewer).get("/admin/reports/highlight/", params)
    assert_survives(response, {200, 302, 400})


def test_a_stored_hostile_highlight_is_escaped_everywhere(client_for, interviewer):
    highlight = Highlight.objects.create(place=None, text=SCRIPT, order=1)
    client = client_for(interviewer)
    for url in (
        "/admin/reports/highlight/",
        f"/admin/reports/highlight/{highlight.pk}/change/",
        f"/admin/reports/highlight/{highlight.pk}/history/",
        "/reports/",
    ):
        assert_escaped(client.get(url).content.decode())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/reports/").content.decode()

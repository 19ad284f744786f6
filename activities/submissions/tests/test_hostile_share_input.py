"""Random and hostile input to the public "share your activity" form (no sign-in):
never a 500, nothing stored from a refused post, everything escaped."""

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Place
from activities.submissions.models import Submission
from scoping.tests.hostile import RUN, SCRIPT, assert_escaped, ids, snapshot, values

pytestmark = pytest.mark.django_db
URL = "/activities/share/"
FIELDS = [
    "name",
    "organisation",
    "place",
    "description",
    "delivery_model",
    "shared_experiences",
    "venue",
    "website",
    "contact",
    "fax_number",
]


@RUN
@given(data=st.data())
def test_the_public_form_survives_anything(client, data):
    cache.clear()  # each example starts with its own hourly allowance
    valid = {
        "name": "Halifax Walk",
        "place": str(Place.objects.get(slug="calderdale").pk),
        "description": "A walk.",
    }
    hostile = data.draw(
        st.dictionaries(
            st.sampled_from(FIELDS),
            st.one_of(values, ids),
            max_size=4,
        )
    )
    with transaction.atomic():
        before = snapshot(Submission)
        response = client.post(URL, {**valid, **hostile})
        assert response.status_code in {302, 400, 413}, response.status_code
        if response.status_code != 302:
            assert snapshot(Submission) == before
            assert_escaped(response.content.decode())
        transaction.set_rollback(True)


def test_a_stored_hostile_submission_is_escaped_for_the_champion(client, client_for, champion):
    leeds = str(Place.objects.get(slug="leeds").pk)
    client.post(URL, {"name": SCRIPT, "place": leeds, "description": SCRIPT, "venue": SCRIPT})
    submission = Submission.objects.get()
    champion_client = client_for(champion)
    for url in (
        "/admin/activities/submission/",
        f"/admin/activities/submission/{submission.pk}/change/",
    ):
        assert_escaped(champion_client.get(url).content.decode())

"""Places and shared experiences get the same published ids on every fresh install, so
the API's service areas and taxonomy terms agree between installs; a database that has
them keeps the ids it has."""

import json
import uuid

import pytest

from activities.api.identifiers import part_id, reference_id
from activities.models import Place, SharedExperience
from activities.reference.services import FIXTURES, reference_data_load
from activities.tests.factories import make_activity

pytestmark = pytest.mark.django_db

# Written out, not computed: a change to the namespace or the rule must fail here,
# because it would change every place and shared-experience id fresh installs publish.
LEEDS = uuid.UUID("6a30104b-12f9-587c-868d-efeb26b6cb79")
ANXIETY = uuid.UUID("fad06d4a-4ed1-5021-a46e-2c33e09783d7")


def reference_ids():
    return {
        "places": dict(Place.objects.values_list("slug", "uuid")),
        "experiences": dict(SharedExperience.objects.values_list("slug", "uuid")),
    }


def test_a_fresh_load_names_each_reference_row_after_its_slug():
    """The test database was set up by ``reference_data_load``, as a fresh install is."""
    ids = reference_ids()

    assert ids["places"]["leeds"] == LEEDS
    assert ids["experiences"]["anxiety"] == ANXIETY
    places = json.loads((FIXTURES / "places.json").read_text(encoding="utf-8"))
    assert ids["places"] == {
        record["fields"]["slug"]: reference_id("place", record["fields"]["slug"])
        for record in places
    }
    assert all(
        published == reference_id("shared_experience", slug)
        for slug, published in ids["experiences"].items()
    )
    assert len(ids["experiences"]) == 27


def test_two_fresh_loads_give_the_same_ids():
    first = reference_ids()
    Place.objects.all().delete()
    SharedExperience.objects.all().delete()

    added = reference_data_load()

    assert (added["places"], added["shared experiences"]) == (6, 27)
    assert reference_ids() == first


def test_reloading_keeps_the_ids_rows_already_have():
    """An older database made its rows with random ids; partners may hold them."""
    older = uuid.UUID("0b7e2d4c-1a3f-4e5d-9c8b-7a6f5e4d3c2b")
    Place.objects.filter(slug="leeds").update(uuid=older)
    SharedExperience.objects.filter(slug="anxiety").update(uuid=uuid.UUID(int=5))

    added = reference_data_load()

    assert (added["places"], added["shared experiences"]) == (0, 0)
    assert Place.objects.get(slug="leeds").uuid == older
    assert SharedExperience.objects.get(slug="anxiety").uuid == uuid.UUID(int=5)
    assert Place.objects.get(slug="wakefield").uuid == reference_id("place", "wakefield")


def test_the_api_publishes_the_reference_ids_and_what_is_named_from_them(api):
    walk = make_activity("Walk and Talk", experiences=("anxiety",))

    service = api.get(f"/api/services/{walk.uuid}").json()
    term = api.get(f"/api/taxonomy_terms/{LEEDS}").json()

    assert [area["id"] for area in service["service_areas"]] == [
        str(part_id(walk.uuid, "service_area", LEEDS))
    ]
    terms = {a["taxonomy_term"]["id"] for a in service["attributes"]}
    assert {str(LEEDS), str(ANXIETY)} <= terms
    assert (term["id"], term["name"], term["term"]) == (str(LEEDS), "Leeds", "leeds")

"""Each Open Referral UK endpoint on a known directory: values, pagination arithmetic,
and every answer against the JSON schemas written from the profile."""

import pytest

from activities.api.identifiers import paired_id
from activities.api.tests.oruk import make_known_directory, page_problems, problems
from activities.models import Place, SharedExperience
from activities.reference.coverage import Coverage
from activities.vocabulary.terms import ENUMERATIONS, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    return make_known_directory()


def test_it_describes_itself(api):
    response = api.get("/api/")
    assert response.status_code == 200
    assert response.json() == {
        "version": "3.0",
        "profile": "https://github.com/OpenReferralUK/uk-profile",
        "openapi_url": "http://testserver/api/openapi.json",
    }
    assert problems("api_info.json", response.json()) == []


def test_services_list_every_activity_by_name(api, known):
    body = api.get("/api/services").json()
    assert page_problems("service_list.json", body) == []
    assert [s["name"] for s in body["contents"]] == [
        "Anxiety Walk",
        "Bradford Crafts",
        "Calderdale Forum",
    ]
    assert {k: v for k, v in body.items() if k != "contents"} == {
        "total_items": 3,
        "total_pages": 1,
        "page_number": 1,
        "size": 3,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    walk = body["contents"][0]
    assert walk == {
        "id": str(known["walk"].uuid),
        "organization_id": str(known["walk"].organisation.uuid),
        "name": "Anxiety Walk",
        "description": "Support group. Mental health focused. "
        "Shared experience: Anxiety, General mental health.",
        "url": "https://leedsmind.example.org",
        "email": "hello@leedsmind.example.org",
        "status": "active",
        "last_modified": walk["last_modified"],
        "organization": {
            "id": str(known["walk"].organisation.uuid),
            "name": "Leeds Mind",
            "description": "Leeds Mind: runs peer support recorded in the directory.",
        },
    }
    # No organisation, website or e-mail: those fields are left out, not null.
    crafts = body["contents"][1]
    assert set(crafts) == {"id", "name", "description", "status", "last_modified"}


@pytest.mark.parametrize(
    "query, names, arithmetic",
    [
        ("per_page=2", ["Anxiety Walk", "Bradford Crafts"], (3, 2, 1, 2, True, False, False)),
        ("per_page=2&page=2", ["Calderdale Forum"], (3, 2, 2, 1, False, True, False)),
        ("per_page=2&page=3", [], (3, 2, 3, 0, False, True, False)),
        ("per_page=1&page=2", ["Bradford Crafts"], (3, 3, 2, 1, False, False, False)),
        ("search=nothing-matches-this", [], (0, 0, 1, 0, True, True, True)),
    ],
)
def test_services_pages_add_up(api, known, query, names, arithmetic):
    body = api.get(f"/api/services?{query}").json()
    assert [s["name"] for s in body["contents"]] == names
    keys = ("total_items", "total_pages", "page_number", "size")
    keys += ("first_page", "last_page", "empty")
    assert tuple(body[key] for key in keys) == arithmetic
    assert page_problems("service_list.json", body) == []


@pytest.mark.parametrize(
    "query, message",
    [
        ("per_page=0", "per_page: Ensure this value is greater than or equal to 1."),
        ("per_page=101", "per_page: Ensure this value is less than or equal to 100."),
        ("page=x", "page: A valid integer is required."),
        ("taxonomy_term_id=leeds", "taxonomy_term_id: Must be a valid UUID."),
        ("modified_after=yesterday", "modified_after: Datetime has wrong format."),
    ],
)
def test_bad_parameters_are_named_with_what_is_allowed(api, known, query, message):
    response = api.get(f"/api/services?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


def test_a_full_service(api, known):
    walk = known["walk"]
    response = api.get(f"/api/services/{walk.uuid}")
    assert response.status_code == 200
    body = response.json()
    assert problems("service.json", body) == []
    leeds = Place.objects.get(slug="leeds")
    assert [(a["name"], a["extent"], a["uri"]) for a in body["service_areas"]] == [
        ("Leeds", "E08000035", "http://statistics.data.gov.uk/id/statistical-geography/E08000035")
    ]
    assert body["service_areas"][0]["service_id"] == str(walk.uuid)
    location_id = str(paired_id(walk.uuid, "location"))
    assert body["service_at_locations"] == [
        {
            "id": str(paired_id(walk.uuid, "service_at_location")),
            "service_id": str(walk.uuid),
            "location_id": location_id,
            "location": {"id": location_id, "location_type": "physical", "name": "St Mary's Hall"},
        }
    ]
    assert [(c["name"], c["title"]) for c in body["contacts"]] == [
        ("hello@leedsmind.example.org or 0113 496 0000", "Public contact details")
    ]
    terms = [
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["name"]) for a in body["attributes"]
    ]
    assert terms == [
        ("Place", "Leeds"),
        ("Serves", "One place"),
        *((e.title, e.labels[getattr(walk, e.key)]) for e in ENUMERATIONS),
        ("Shared experience", "Anxiety"),
        ("Shared experience", "General mental health"),
        ("Online", "Yes"),
        ("Calls itself peer support", "Yes"),
    ]
    assert terms[2:7] == [
        ("Sector", "Third Sector"),
        ("Main focus", "Mental health focused"),
        ("Primary model of delivery", "Support group"),
        ("Funding type", "Statutory"),
        ("Status", "Active"),
    ]
    assert body["attributes"][0]["taxonomy_term_id"] == str(leeds.uuid)
    assert {a["link_id"] for a in body["attributes"]} == {str(walk.uuid)}


def test_a_service_without_venue_contact_or_organisation(api, known):
    body = api.get(f"/api/services/{known['crafts'].uuid}").json()
    assert problems("service.json", body) == []
    assert body["status"] == "defunct"
    assert body["service_at_locations"] == [] and body["contacts"] == []
    assert "organization" not in body and "organization_id" not in body
    # Bradford & Craven has no GSS code recorded: the area is named, with no extent.
    assert body["service_areas"][0]["name"] == "Bradford & Craven"
    assert "extent" not in body["service_areas"][0]


def test_unknown_and_malformed_ids_are_404(api, known):
    for url in (
        "/api/services/00000000-0000-4000-8000-000000000000",
        "/api/services/not-a-uuid",
        f"/api/service_at_locations/{known['walk'].uuid}",  # a service's id is not its SAL's
        f"/api/service_at_locations/{paired_id(known['crafts'].uuid, 'service_at_location')}",
        "/api/taxonomies/00000000-0000-4000-8000-000000000000",
        "/api/taxonomy_terms/x",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "No record has this id."}, url


def test_service_at_locations_are_the_activities_with_a_venue(api, known):
    body = api.get("/api/service_at_locations").json()
    assert page_problems("service_at_location_list.json", body) == []
    assert body["total_items"] == 1
    [item] = body["contents"]
    walk = known["walk"]
    assert item["id"] == str(paired_id(walk.uuid, "service_at_location"))
    assert item["service"]["name"] == "Anxiety Walk"
    assert item["location"]["name"] == "St Mary's Hall"

    detail = api.get(f"/api/service_at_locations/{item['id']}").json()
    assert problems("service_at_location.json", detail) == []
    assert detail["service"]["attributes"][0]["taxonomy_term"]["name"] == "Leeds"
    assert detail["location"] == item["location"]


def test_taxonomies_one_for_each_directory_filter(api, known):
    body = api.get("/api/taxonomies").json()
    assert page_problems("taxonomy.json", body) == []
    assert [t["name"] for t in body["contents"]] == [
        "Place",
        "Serves",
        *(e.title for e in ENUMERATIONS),
        "Shared experience",
        "Online",
        "Calls itself peer support",
    ]
    assert [t["name"] for t in body["contents"][2:7]] == [
        "Sector",
        "Main focus",
        "Primary model of delivery",
        "Funding type",
        "Status",
    ]
    sector = body["contents"][2]
    detail = api.get(f"/api/taxonomies/{sector['id']}").json()
    assert detail == sector
    assert problems("taxonomy.json", detail) == []


def test_taxonomy_terms_pages_and_detail(api, known):
    experiences = SharedExperience.objects.count()
    places = Place.objects.count()
    enumerated = sum(len(e.choices) for e in ENUMERATIONS)
    total = places + len(Coverage.choices) + enumerated + experiences + 2 + 2
    first = api.get("/api/taxonomy_terms?per_page=10").json()
    assert page_problems("taxonomy_term.json", first) == []
    assert (first["total_items"], first["total_pages"], first["size"]) == (
        total,
        -(-total // 10),
        10,
    )
    last = api.get(f"/api/taxonomy_terms?per_page=10&page={first['total_pages']}").json()
    assert last["last_page"] and last["size"] == total - 10 * (first["total_pages"] - 1)
    term = first["contents"][0]
    assert api.get(f"/api/taxonomy_terms/{term['id']}").json() == term
    sector_id = api.get("/api/taxonomies").json()["contents"][2]["id"]
    sectors = api.get(f"/api/taxonomy_terms?taxonomy_id={sector_id}").json()
    assert [t["term"] for t in sectors["contents"]] == Sector.values
    assert "third_sector" in Sector.values


def test_openapi_document_lists_every_endpoint(api):
    document = api.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert sorted(document["paths"]) == [
        "/api/",
        "/api/service_at_locations",
        "/api/service_at_locations/{id}",
        "/api/services",
        "/api/services/{id}",
        "/api/taxonomies",
        "/api/taxonomies/{id}",
        "/api/taxonomy_terms",
        "/api/taxonomy_terms/{id}",
    ]
    service = document["components"]["schemas"]["Service"]
    assert set(service["required"]) == {"id", "name", "status"}  # as the profile has it
    parameters = {p["name"] for p in document["paths"]["/api/services"]["get"]["parameters"]}
    assert parameters == {
        "page",
        "per_page",
        "search",
        "taxonomy_term_id",
        "taxonomy_id",
        "organization_id",
        "modified_after",
    }


def test_several_places_and_the_region_get_each_area_they_serve(api):
    known = make_known_directory(shared=True)
    pair = api.get(f"/api/services/{known['pair'].uuid}").json()
    assert problems("service.json", pair) == []
    assert [a["name"] for a in pair["service_areas"]] == ["Kirklees", "Wakefield"]
    assert [a["extent"] for a in pair["service_areas"]] == ["E08000034", "E08000036"]
    region = api.get(f"/api/services/{known['region'].uuid}").json()
    assert [a["name"] for a in region["service_areas"]] == list(
        Place.objects.order_by("name").values_list("name", flat=True)
    )
    served = [
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["name"])
        for a in region["attributes"]
        if a["taxonomy_term"]["taxonomy"] in ("Place", "Serves")
    ]
    assert served[-1] == ("Serves", "Region-wide (WY&H wide)") and len(served) == 7
    # Each area's id is its own and the same on every request.
    again = api.get(f"/api/services/{known['region'].uuid}").json()
    ids = [a["id"] for a in region["service_areas"]]
    assert ids == [a["id"] for a in again["service_areas"]] and len(set(ids)) == 6
    page = api.get("/api/services").json()
    assert page_problems("service_list.json", page) == []
    assert page["total_items"] == 5

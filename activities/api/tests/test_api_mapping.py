"""The directory in the profile's terms: every vocabulary as a published taxonomy
whose terms filter exactly as the directory does, status, service areas, and ids
that survive a re-import of the master sheet."""

import io

import pytest

from activities.api.areas import service_areas, with_places
from activities.api.tests.oruk import make_known_directory
from activities.directory.querysets import BOOLEAN_FACETS
from activities.master_sheet.apply import master_sheet_import
from activities.master_sheet.export import master_sheet_export
from activities.models import Activity, Place, SharedExperience
from activities.reference.coverage import Coverage
from activities.tests.workbooks import CANONICAL, row, workbook_bytes
from activities.vocabulary.terms import ENUMERATIONS

pytestmark = pytest.mark.django_db


def taxonomies(api):
    return {t["name"]: t for t in api.get("/api/taxonomies").json()["contents"]}


def terms_of(api, taxonomy):
    body = api.get(f"/api/taxonomy_terms?taxonomy_id={taxonomy['id']}&per_page=100").json()
    return body["contents"]


def service_names(api, query):
    body = api.get(f"/api/services?{query}&per_page=100").json()
    return sorted(s["name"] for s in body["contents"])


def test_a_partner_can_rebuild_every_directory_filter(api):
    """Each of the directory's filters is a taxonomy whose terms are its options,
    with the value the directory's URLs use."""
    published = taxonomies(api)
    expected = {
        "Place": [(p.name, p.slug) for p in Place.objects.order_by("name")],
        "Serves": [(label, value) for value, label in Coverage.choices],
        "Shared experience": [(e.name, e.slug) for e in SharedExperience.objects.order_by("name")],
        **{e.title: [(label, value) for value, label in e.choices.choices] for e in ENUMERATIONS},
        "Online": [("Yes", "yes"), ("No", "no")],
        "Calls itself peer support": [("Yes", "yes"), ("No", "no")],
    }
    assert set(published) == set(expected)
    for name, options in expected.items():
        terms = terms_of(api, published[name])
        assert [(t["name"], t["term"]) for t in terms] == options, name
        assert {t["taxonomy_id"] for t in terms} == {published[name]["id"]}


def expected_names(taxonomy, term):
    """The activities a term should select, worked out from the activities themselves."""
    activities = list(Activity.objects.prefetch_related("places", "shared_experiences"))
    if taxonomy == "Place":
        chosen = [a for a in activities if term in [p.slug for p in a.places_served()]]
    elif taxonomy == "Serves":
        chosen = [a for a in activities if a.coverage == term]
    elif taxonomy == "Shared experience":
        chosen = [a for a in activities if term in [e.slug for e in a.shared_experiences.all()]]
    else:
        field = next((e.key for e in ENUMERATIONS if e.title == taxonomy), None)
        if field is None:
            field = next(
                f
                for f in BOOLEAN_FACETS
                if Activity._meta.get_field(f).verbose_name.capitalize() == taxonomy
            )
        value = {"yes": True, "no": False}.get(term, term)
        chosen = [a for a in activities if getattr(a, field) == value]
    return sorted(a.name for a in chosen)


def test_every_term_filters_as_the_directory_does(api):
    make_known_directory(shared=True)
    checked = 0
    for taxonomy in taxonomies(api).values():
        for term in terms_of(api, taxonomy):
            got = service_names(api, f"taxonomy_term_id={term['id']}")
            assert got == expected_names(taxonomy["name"], term["term"]), term
            checked += bool(got)
    assert checked > 20  # most terms select something, so the comparison means something


def test_a_place_term_selects_every_activity_serving_it(api):
    make_known_directory(shared=True)
    wakefield = Place.objects.get(slug="wakefield")
    assert service_names(api, f"taxonomy_term_id={wakefield.uuid}") == [
        "Region Hearing Voices",
        "Two Towns Peer Group",
    ]


@pytest.mark.parametrize("enumeration", ENUMERATIONS, ids=lambda e: e.key)
def test_every_value_of_every_vocabulary_is_an_attribute(api, enumeration):
    """An activity carries its value of each vocabulary as an attribute naming the term."""
    known = make_known_directory()
    for activity in known.values():
        body = api.get(f"/api/services/{activity.uuid}").json()
        names = [
            a["taxonomy_term"]["name"]
            for a in body["attributes"]
            if a["taxonomy_term"]["taxonomy"] == enumeration.title
        ]
        assert names == [enumeration.labels[getattr(activity, enumeration.key)]]
    for value, label in enumeration.choices.choices:
        Activity.objects.filter(pk=known["walk"].pk).update(**{enumeration.key: value})
        body = api.get(f"/api/services/{known['walk'].uuid}").json()
        assert label in [a["taxonomy_term"]["name"] for a in body["attributes"]]


def test_status_maps_to_the_profiles_statuses(api):
    known = make_known_directory()
    statuses = {s["name"]: s["status"] for s in api.get("/api/services").json()["contents"]}
    assert statuses == {
        "Anxiety Walk": "active",  # Active
        "Bradford Crafts": "defunct",  # Closed
        "Calderdale Forum": "inactive",  # Unknown: no evidence it runs now
    }
    assert known


def test_yes_no_facts_are_attributes_only_when_known(api):
    known = make_known_directory()
    body = api.get(f"/api/services/{known['forum'].uuid}").json()
    taxonomies_named = {a["taxonomy_term"]["taxonomy"] for a in body["attributes"]}
    assert "Online" not in taxonomies_named  # not known
    crafts = api.get(f"/api/services/{known['crafts'].uuid}").json()
    assert ("Online", "No") in [
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["name"]) for a in crafts["attributes"]
    ]


def test_taxonomy_and_other_filters(api):
    known = make_known_directory()
    published = taxonomies(api)
    assert service_names(api, f"taxonomy_id={published['Online']['id']}") == [
        "Anxiety Walk",
        "Bradford Crafts",
    ]
    assert len(service_names(api, f"taxonomy_id={published['Sector']['id']}")) == 3
    organisation = known["walk"].organisation
    assert service_names(api, f"organization_id={organisation.uuid}") == ["Anxiety Walk"]
    assert service_names(api, "search=crafts") == ["Bradford Crafts"]
    assert service_names(api, "search=Calder") == ["Calderdale Forum"]  # organisation name
    assert service_names(api, "taxonomy_id=00000000-0000-4000-8000-000000000000") == []
    assert service_names(api, "taxonomy_term_id=00000000-0000-4000-8000-000000000000") == []


def test_modified_after(api):
    known = make_known_directory()
    Activity.objects.filter(pk=known["crafts"].pk).update(updated="2020-01-01T00:00:00Z")
    assert service_names(api, "modified_after=2021-01-01T00:00:00Z") == [
        "Anxiety Walk",
        "Calderdale Forum",
    ]
    assert len(service_names(api, "modified_after=2019-12-31T23:59:59%2B00:00")) == 3


def test_service_areas_go_through_one_function():
    known = make_known_directory(shared=True)
    [area] = service_areas(with_places([known["walk"]])[0])
    assert area["name"] == "Leeds" and area["extent"] == "E08000035"
    assert area["service_id"] == known["walk"].uuid
    pair = with_places([known["pair"]])[0]
    assert [a["name"] for a in service_areas(pair)] == ["Kirklees", "Wakefield"]
    region = with_places([known["region"]])[0]
    assert len(service_areas(region)) == Place.objects.count() == 6


def test_ids_survive_a_reimport_and_an_export(api):
    data = workbook_bytes({"Leeds": [CANONICAL, row("Walk and Talk"), row("Craft Club")]})
    master_sheet_import(data=data, file_name="first.xlsx")
    first = {s["name"]: s["id"] for s in api.get("/api/services").json()["contents"]}
    assert len(set(first.values())) == 2

    exported = io.BytesIO()
    master_sheet_export(file=exported)
    changed = workbook_bytes(
        {"Leeds": [CANONICAL, row("Walk and Talk", website="https://new.example.org")]}
    )
    master_sheet_import(data=exported.getvalue(), file_name="exported.xlsx")
    master_sheet_import(data=changed, file_name="changed.xlsx")
    again = {s["name"]: s for s in api.get("/api/services").json()["contents"]}
    assert {name: s["id"] for name, s in again.items()} == first
    assert again["Walk and Talk"]["url"] == "https://new.example.org"

"""Random and hostile input never breaks a page, is never half-stored, and is escaped.

Each form and filter gets the hypothesis profile's examples (50 in CI's thorough pass, 100 for those that have found a bug).
"""

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Activity, Alias, Organisation, Place, SharedExperience
from scoping.tests.hostile import FOUND_BUGS, RUN, SCRIPT, assert_survives, post_and_check, texts

pytestmark = pytest.mark.django_db


def valid_activity():
    return {
        "name": "Beeston Walk",
        "organisation": "",
        "place": str(Place.objects.get(slug="leeds").pk),
        "sector": "third_sector",
        "main_focus": "mental_health",
        "shared_experiences": [str(SharedExperience.objects.get(slug="anxiety").pk)],
        "delivery_model": "activity_group",
        "funding_type": "unknown",
        "online": "unknown",
        "self_described_peer_support": "unknown",
        "status": "active",
        "date_scoped": "",
        "website": "",
        "venue": "",
        "contact": "",
        "scoped_by_name": "",
        "notes": "",
        "last_verified": "",
    }


FIELDS = [
    "name",
    "organisation",
    "place",
    "sector",
    "main_focus",
    "shared_experiences",
    "delivery_model",
    "funding_type",
    "online",
    "self_described_peer_support",
    "status",
    "date_scoped",
    "website",
    "venue",
    "contact",
    "scoped_by_name",
    "notes",
    "last_verified",
]


def saved_activity_pages(stored):
    assert stored.name  # a name is always required
    return ["/admin/activities/activity/"]


@FOUND_BUGS  # found bugs: 0bb198a, dad03a4
@given(field=st.sampled_from(FIELDS), value=texts, other=st.sampled_from(FIELDS), value2=texts)
def test_the_activity_form_survives_anything(client_for, superuser, field, value, other, value2):
    data = valid_activity()
    data[field] = value
    data[other] = value2
    post_and_check(
        client_for(superuser),
        "/admin/activities/activity/add/",
        data,
        Activity,
        saved_activity_pages,
    )


@FOUND_BUGS  # found bugs: 0bb198a
@given(name=texts, website=texts, notes=texts)
def test_the_organisation_form_survives_anything(client_for, superuser, name, website, notes):
    post_and_check(
        client_for(superuser),
        "/admin/activities/organisation/add/",
        {"name": name, "website": website, "notes": notes},
        Organisation,
    )


@RUN
@given(
    spelling=texts, means=st.one_of(texts, st.sampled_from(["sector:nhs", "place:leeds", "x:y"]))
)
def test_the_alias_form_survives_anything(client_for, superuser, spelling, means):
    post_and_check(
        client_for(superuser),
        "/admin/activities/alias/add/",
        {"spelling": spelling, "means": means},
        Alias,
    )


@RUN
@given(username=texts, password=texts)
def test_the_login_form_survives_anything(client, username, password):
    with transaction.atomic():
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert_survives(response, {200, 429})
        transaction.set_rollback(True)


ADMIN_FILTERS = [
    "place__id__exact",
    "sector",
    "status",
    "shared_experiences__id__exact",
    "q",
    "o",
    "p",
]


@RUN
@given(key=st.sampled_from(ADMIN_FILTERS), value=texts)
def test_the_admin_list_filters_survive_anything(client_for, champion, key, value):
    response = client_for(champion).get("/admin/activities/activity/", {key: value})
    assert_survives(response, {200, 302, 400})


DIRECTORY_PARAMS = [
    "place",
    "sector",
    "main_focus",
    "delivery_model",
    "funding_type",
    "shared_experience",
    "status",
    "online",
    "self_described",
    "scoped_from",
    "scoped_to",
    "q",
    "order",
    "page",
    "per_page",
]


@RUN
@given(params=st.lists(st.tuples(st.sampled_from(DIRECTORY_PARAMS), texts), min_size=1, max_size=4))
def test_the_directory_filters_survive_anything(client_for, analyst, params):
    client = client_for(analyst)
    for path in ("/activities/", "/activities/export.csv"):
        response = client.get(path, params)
        assert response.status_code in {200, 302, 400}, path
        if path == "/activities/":
            assert_survives(response, {200, 302, 400})


REPORT_PARAMS = ["status", "scoped_from", "scoped_to"]


@RUN
@given(
    params=st.lists(st.tuples(st.sampled_from(REPORT_PARAMS), texts), min_size=1, max_size=3),
    place=st.sampled_from(["", "leeds/", "calderdale/"]),
)
def test_the_report_options_survive_anything(client_for, commissioner, params, place):
    response = client_for(commissioner).get(f"/reports/{place}", params)
    assert_survives(response, {200, 400})


def test_stored_hostile_text_is_escaped_on_every_page(client_for, superuser):
    from activities.tests.factories import make_activity

    script = SCRIPT
    activity = make_activity(script, organisation=script, venue=script, notes=script)
    client = client_for(superuser)
    for url in (
        "/activities/",
        f"/activities/?q={script}",
        f"/activities/{activity.pk}/",
        "/admin/activities/activity/",
        f"/admin/activities/activity/{activity.pk}/change/",
        f"/admin/activities/activity/{activity.pk}/history/",
        "/reports/leeds/",
    ):
        page = client.get(url).content.decode()
        assert script not in page, url
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in client.get(f"/activities/{activity.pk}/").content.decode()
    )


def test_an_overlong_username_is_refused_before_any_lookup(client, superuser):
    for url in ("/accounts/login/", "/admin/login/"):
        response = client.post(url, {"username": "x" * 300, "password": "whatever"})
        assert response.status_code == 200
        assert "A username has at most 150 characters." in response.content.decode()
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()


def test_a_nul_character_in_the_address_is_refused_plainly(client_for, champion):
    client = client_for(champion)
    for url in ("/activities/", "/admin/activities/activity/", "/reports/"):
        response = client.get(url, {"q": "a\x00b"})
        assert response.status_code == 400
        assert "NUL character" in response.content.decode()
